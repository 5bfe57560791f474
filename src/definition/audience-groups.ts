import type { Either } from 'fp-ts/lib/Either.js'
import type { Audience, UserProfile } from '../schema/index.js'
import { isInvalid } from '../schema/index.js'
import { decodeSettings, type SettingsDeclaration, type SettingsFailure } from './settings.js'

export type AudienceAction = Audience['action']

/** Every profile that had the same thing happen in the same audience: one partner-API call's worth. */
export interface AudienceGroup<S> {
  readonly audienceId: number
  readonly audienceName: string
  readonly action: AudienceAction
  /** The audience's subscription settings, typed; a Left names what is missing or malformed. */
  readonly settings: Either<SettingsFailure, S>
  readonly profiles: ReadonlyArray<UserProfile>
}

const ACTION_ORDER: Readonly<Record<string, number>> = { add: 0, delete: 1, attribute_update: 2 }

/**
 * Groups profiles by audience and action, the way audience APIs are called (one call per list and
 * direction): additions first, then removals, then attribute updates; within each, audiences in
 * order of first appearance. Invalid profiles and audiences are left out (decode reported them).
 */
export const groupByAudience = <S = Record<string, unknown>>(
  profiles: ReadonlyArray<UserProfile | { readonly invalid: true }> | undefined,
  subscriptionSettings: SettingsDeclaration = {},
): ReadonlyArray<AudienceGroup<S>> => {
  const groups = new Map<string, { group: AudienceGroup<S>; profiles: UserProfile[]; first: number }>()
  let seen = 0
  for (const profile of profiles ?? []) {
    if (isInvalid(profile)) continue
    const user = profile as UserProfile
    for (const audience of user.audiences ?? []) {
      if (isInvalid(audience)) continue
      const a = audience as Audience
      const key = `${a.action}\u0000${a.audience_id}`
      let entry = groups.get(key)
      if (entry === undefined) {
        const members: UserProfile[] = []
        const group: AudienceGroup<S> = {
          audienceId: a.audience_id,
          audienceName: a.audience_name,
          action: a.action,
          settings: decodeSettings(subscriptionSettings, a.audience_subscription_settings ?? undefined) as Either<SettingsFailure, S>,
          profiles: members,
        }
        entry = { group, profiles: members, first: seen++ }
        groups.set(key, entry)
      }
      entry.profiles.push(user)
    }
  }
  return [...groups.values()].sort((x, y) => (ACTION_ORDER[x.group.action] ?? 3) - (ACTION_ORDER[y.group.action] ?? 3) || x.first - y.first).map((entry) => entry.group)
}

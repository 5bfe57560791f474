import * as E from 'fp-ts/lib/Either.js'
import { permanent, type AudienceGroup, type FirehoseError, type HttpClient, type Logger } from 'firehose-kit'
import { profileUser, userIdModeOf, type IterableUser } from './identity.js'
import { PATHS, post } from './iterable-client.js'

export interface ListCall {
  readonly path: typeof PATHS.listSubscribe | typeof PATHS.listUnsubscribe
  readonly listId: number
  readonly subscribers: IterableUser[]
}

export interface ListPlan {
  /** Subscribes first, then unsubscribes, lists in order of first appearance. */
  readonly calls: ListCall[]
  /** Audiences whose `listId` is missing or not an integer: reported, their lists skipped. */
  readonly invalid: string[]
}

/**
 * One call per list and direction with every user for that list (audiences sharing a list are
 * merged). `attribute_update` is ignored; profiles without an Iterable identity are left out.
 */
export const planListCalls = (groups: ReadonlyArray<AudienceGroup<{ readonly listId: number }>>, userIdField: string | undefined): ListPlan => {
  const mode = userIdModeOf(userIdField)
  const calls = new Map<string, ListCall>()
  const invalid: string[] = []
  for (const group of groups) {
    if (group.action === 'attribute_update') continue
    if (E.isLeft(group.settings)) {
      invalid.push(`audience ${group.audienceId}: ${group.settings.left.reason}`)
      continue
    }
    const path = group.action === 'add' ? PATHS.listSubscribe : PATHS.listUnsubscribe
    const listId = group.settings.right.listId
    const key = `${path} ${listId}`
    const call = calls.get(key) ?? { path, listId, subscribers: [] }
    calls.set(key, call)
    for (const profile of group.profiles) {
      const user = profileUser(profile, mode)
      if (user !== undefined) call.subscribers.push(user)
    }
  }
  return { calls: [...calls.values()].filter((call) => call.subscribers.length > 0), invalid }
}

const counts = (json: unknown): { successCount?: unknown; failCount?: unknown } =>
  json !== null && typeof json === 'object' ? (json as { successCount?: unknown; failCount?: unknown }) : {}

export interface AudienceCallContext {
  readonly http: HttpClient
  readonly logger: Logger
}

/**
 * Sends the planned list calls in order. A retryable failure stops at once (the redelivery repeats
 * the whole message; list subscribe and unsubscribe are idempotent). Permanent failures and
 * invalid audiences are collected and reported together as one permanent outcome, after every
 * valid list was sent. A positive `failCount` is logged only, as in Java.
 */
export const sendListCalls = async (ctx: AudienceCallContext, apiKey: string, plan: ListPlan): Promise<E.Either<FirehoseError, undefined>> => {
  const failures = [...plan.invalid]
  for (const call of plan.calls) {
    const result = await post(ctx.http, apiKey, call.path, { listId: call.listId, subscribers: call.subscribers })
    if (E.isLeft(result)) {
      if (result.left.kind === 'retryable') return result
      failures.push(`list ${call.listId}: ${result.left.reason}`)
      continue
    }
    const { successCount, failCount } = counts(result.right.json)
    if (typeof failCount === 'number' && failCount > 0) ctx.logger.warn('Iterable list call had failures', { path: call.path, listId: call.listId, successCount, failCount })
  }
  return failures.length > 0 ? E.left(permanent(failures.join('; '))) : E.right(undefined)
}

import type { EventProcessingRequest, UserIdentity, UserProfile } from 'firehose-kit/schema'

export const PLACEHOLDER_DOMAIN = '@placeholder.email'

/** Which identity becomes Iterable's `userId`: the customer id (default) or the mParticle id. */
export type UserIdMode = 'customerId' | 'mpid'

/** Like Java: only the exact value `mpid` switches the mode. */
export const userIdModeOf = (userIdField: string | undefined): UserIdMode => (userIdField === 'mpid' ? 'mpid' : 'customerId')

/** Who a call is about, as Iterable identifies users. */
export interface IterableUser {
  readonly email: string
  readonly userId?: string
}

type Identities = ReadonlyArray<UserIdentity> | undefined

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value !== ''

/** The last identity of a type wins (Java overwrites while iterating). */
const lastOf = (identities: Identities, type: string): string | undefined =>
  [...(identities ?? [])].reverse().find((identity) => identity.type === type && present(identity.value))?.value

const firstOf = (identities: Identities, type: string): string | undefined => (identities ?? []).find((identity) => identity.type === type && present(identity.value))?.value

const deviceId = (request: EventProcessingRequest, type: string): string | undefined =>
  (request.runtime_environment?.identities ?? []).find((identity) => identity.type === type && present(identity.value))?.value

const placeholderSource = (request: EventProcessingRequest, mode: UserIdMode): string | undefined => {
  if (mode === 'mpid') return present(request.mpid) ? request.mpid : undefined
  const runtime = request.runtime_environment?.type
  const device =
    runtime === 'ios' || runtime === 'tvos'
      ? (deviceId(request, 'ios_vendor_id') ?? deviceId(request, 'ios_advertising_id'))
      : runtime === 'android'
        ? (deviceId(request, 'google_advertising_id') ?? deviceId(request, 'android_id'))
        : undefined
  return device ?? firstOf(request.user_identities, 'customer') ?? (present(request.device_application_stamp) ? request.device_application_stamp : undefined)
}

/**
 * `<id>@placeholder.email` for a user without an email: the mpid in mpid mode; otherwise the
 * platform's device id (IDFV then IDFA on iOS/tvOS, GAID then Android ID on Android), then the
 * customer id, then the device application stamp. `undefined` when none exists.
 */
export const placeholderEmail = (request: EventProcessingRequest, mode: UserIdMode): string | undefined => {
  const id = placeholderSource(request, mode)
  return id === undefined ? undefined : `${id}${PLACEHOLDER_DOMAIN}`
}

const userIdOf = (identities: Identities, mpid: string | undefined, mode: UserIdMode): string | undefined =>
  mode === 'mpid' ? (present(mpid) ? mpid : undefined) : lastOf(identities, 'customer')

const withUserId = (email: string, userId: string | undefined): IterableUser => (userId === undefined ? { email } : { email, userId })

/**
 * The batch's user: the email identity, or the placeholder only when there is no email (the Java
 * original also failed a batch that had a real email but no placeholder source: fixed here).
 */
export const batchUser = (request: EventProcessingRequest, mode: UserIdMode): IterableUser | undefined => {
  const email = lastOf(request.user_identities, 'email') ?? placeholderEmail(request, mode)
  return email === undefined ? undefined : withUserId(email, userIdOf(request.user_identities, request.mpid, mode))
}

/** The email `registerDeviceToken` sends: the first email identity (as Java), else the placeholder. */
export const deviceTokenEmail = (request: EventProcessingRequest, mode: UserIdMode): string | undefined =>
  firstOf(request.user_identities, 'email') ?? placeholderEmail(request, mode)

/**
 * An audience profile's user. In customerId mode a profile without an email is left out (no
 * placeholder); in mpid mode the email falls back to `<mpid>@placeholder.email`.
 */
export const profileUser = (profile: UserProfile, mode: UserIdMode): IterableUser | undefined => {
  const email = lastOf(profile.user_identities, 'email') ?? (mode === 'mpid' && present(profile.mpid) ? `${profile.mpid}${PLACEHOLDER_DOMAIN}` : undefined)
  return email === undefined ? undefined : withUserId(email, userIdOf(profile.user_identities, profile.mpid, mode))
}

export const noIdentityReason = 'no email and nothing to build a placeholder email from (device ids, customer id, device application stamp or mpid)'

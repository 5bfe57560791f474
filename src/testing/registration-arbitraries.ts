import fc from 'fast-check'
import type { RegistrationDeclaration } from '../definition/registration.js'
import type { SettingsDeclaration } from '../definition/settings.js'
import {
  EVENT_TYPES,
  type AudienceMembershipChangeRequest,
  type AudienceSubscriptionRequest,
  type DsrProcessingRequest,
  type Event,
  type EventProcessingRequest,
  type EventType,
  type Int64,
  type Message,
  type ModuleRegistrationRequest,
  type UserProfile,
} from '../schema/index.js'
import {
  arbAudienceMembershipChangeRequest,
  arbAudienceSubscriptionRequest,
  arbDsrProcessingRequest,
  arbEventOfType,
  arbEventProcessingRequest,
  arbModuleRegistrationRequest,
  arbUserProfile,
} from './arbitraries.js'
import { arbSettingsFor, type SettingStrings } from './setting-arbitraries.js'

/** The message kinds a registration can receive. */
export type RequestKind = 'registration' | 'events' | 'membership' | 'subscription' | 'dsr'

/** Which messages the arbitraries generate besides valid ones: invalid settings, undeclared or malformed events... */
export interface RequestArbitraryOptions {
  /** Also generate settings the SDK must refuse (a configuration error: suspend). Default false. */
  readonly invalidSettings?: boolean
  /** Also put events of types the registration does not list into batches (the SDK skips them). Default false. */
  readonly undeclaredEvents?: boolean
  /** Also put malformed events into batches (the SDK reports them and goes on). Default false. */
  readonly invalidEvents?: boolean
  /** Also generate verification requests (eventless batches, membership requests without profiles). Default true. */
  readonly verification?: boolean
  /** Most events in one batch (default 5) and most profiles in one membership request (default 4). */
  readonly maxEvents?: number
  readonly maxProfiles?: number
  /** Event timestamps are generated around this time (default: when the arbitrary is built). */
  readonly now?: number
  /** Which message kinds `arbRequestFor` generates; default every kind the registration declares, and registration. */
  readonly kinds?: ReadonlyArray<RequestKind>
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** The user-data fields that make an eventless batch more than a verification request. */
const USER_DATA_FIELDS = ['user_identities', 'partner_identities', 'user_attributes', 'user_attribute_lists', 'mpid', 'device_application_stamp', 'consent_state'] as const

const declaredTypes = (registration: RegistrationDeclaration): ReadonlyArray<EventType> => registration.events?.types ?? EVENT_TYPES

/** Timestamps fresh enough for `maxDataAgeHours`, up to five minutes ahead (clock skew). */
const arbTimestamp = (registration: RegistrationDeclaration, now: number): fc.Arbitrary<number> => {
  const maxAge = registration.events?.maxDataAgeHours
  const window = maxAge !== undefined && maxAge >= 0 ? Math.min(maxAge * HOUR * 0.5, 30 * MINUTE) : 30 * MINUTE
  return fc.integer({ min: Math.floor(now - window), max: now + 5 * MINUTE })
}

const withIdentity = <E extends { id: string; timestamp_ms: Int64 }>(event: fc.Arbitrary<E>, timestamp: fc.Arbitrary<number>): fc.Arbitrary<E> =>
  fc.tuple(event, fc.uuid(), timestamp).map(([value, id, timestamp_ms]) => ({ ...value, id, timestamp_ms }))

/** One event of a type the registration lists, with a unique-looking id and a fresh timestamp. */
export const arbDeclaredEvent = (registration: RegistrationDeclaration, options: Pick<RequestArbitraryOptions, 'now'> = {}): fc.Arbitrary<Event> => {
  const timestamp = arbTimestamp(registration, options.now ?? Date.now())
  return fc.constantFrom(...declaredTypes(registration)).chain((type) => withIdentity(arbEventOfType(type) as fc.Arbitrary<Event>, timestamp))
}

const arbUndeclaredEvent = (registration: RegistrationDeclaration, now: number): fc.Arbitrary<Event> | undefined => {
  const declared = new Set<string>(declaredTypes(registration))
  const others = EVENT_TYPES.filter((type) => !declared.has(type))
  if (others.length === 0) return undefined
  const timestamp = arbTimestamp(registration, now)
  return fc.constantFrom(...others).chain((type) => withIdentity(arbEventOfType(type) as fc.Arbitrary<Event>, timestamp))
}

/** Events lenient decoding must isolate: wrong field types, an unknown type, not an object at all. */
const arbMalformedEvent: fc.Arbitrary<unknown> = fc
  .uuid()
  .chain((id) =>
    fc.constantFrom<unknown>(
      { type: 'custom_event', id, timestamp_ms: 'yesterday', name: 'Broken' },
      { type: 'teleport', id, timestamp_ms: Date.now() },
      { id, timestamp_ms: Date.now() },
      { type: 'screen_view', id, timestamp_ms: Date.now(), screen_name: 42 },
      'not an event',
      null,
    ),
  )

/** Events in one batch have distinct ids, as mParticle's do (checkpoints are keyed by them). */
const idOf = (event: unknown): unknown => (event !== null && typeof event === 'object' ? (event as { id?: unknown }).id : event)

const settingsOf = (declared: ReadonlyArray<SettingsDeclaration | undefined>): SettingsDeclaration => Object.assign({}, ...declared)

const arbAccount = (declared: SettingsDeclaration, invalid: boolean): fc.Arbitrary<{ account_id: number; account_settings: SettingStrings }> =>
  fc.record({ account_id: fc.integer({ min: 1, max: 2_147_483_647 }), account_settings: arbSettingsFor(declared, { invalid }) })

const eventSettings = (registration: RegistrationDeclaration): SettingsDeclaration => settingsOf([registration.events?.settings, registration.events?.connectionSettings])

const strip = <T extends object>(value: T, keys: ReadonlyArray<string>): T => {
  const copy = { ...value } as Record<string, unknown>
  for (const key of keys) delete copy[key]
  return copy as T
}

/**
 * Event batches for this registration: only the declared event types (plus undeclared or malformed
 * ones when asked), account settings of the declared kinds, unique event ids, fresh timestamps, and
 * now and then an eventless batch (with or without user data).
 */
export const arbEventBatchFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<EventProcessingRequest> => {
  const now = options.now ?? Date.now()
  const maxEvents = options.maxEvents ?? 5
  const kinds: Array<{ weight: number; arbitrary: fc.Arbitrary<unknown> }> = [{ weight: 6, arbitrary: arbDeclaredEvent(registration, { now }) }]
  const undeclared = options.undeclaredEvents ? arbUndeclaredEvent(registration, now) : undefined
  if (undeclared !== undefined) kinds.push({ weight: 1, arbitrary: undeclared })
  if (options.invalidEvents) kinds.push({ weight: 1, arbitrary: arbMalformedEvent })
  const events = fc.uniqueArray(fc.oneof(...kinds), { minLength: 1, maxLength: Math.max(1, maxEvents), selector: idOf })
  const eventLists = options.verification === false ? events : fc.oneof({ weight: 5, arbitrary: events }, { weight: 1, arbitrary: fc.constant([]) })
  const batches = fc
    .tuple(arbEventProcessingRequest, fc.uuid(), arbAccount(eventSettings(registration), options.invalidSettings === true), eventLists)
    .map(([base, id, account, list]) => ({ ...base, id, account, events: list }) as EventProcessingRequest)
  if (options.verification === false) return batches
  return fc.oneof(
    { weight: 8, arbitrary: batches },
    { weight: 1, arbitrary: arbEventVerificationFor(registration, { ...options, invalidSettings: options.invalidSettings === true }) },
  )
}

/** Eventless batches without user data: verification requests whatever the registration allows. Their settings may be unreadable unless `invalidSettings: false`. */
export const arbEventVerificationFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<EventProcessingRequest> => {
  const eventless = registration.permissions?.allowEventlessBatches !== true
  return fc.tuple(arbEventProcessingRequest, fc.uuid(), arbAccount(eventSettings(registration), options.invalidSettings !== false)).map(([base, id, account]) => {
    // without allowEventlessBatches every eventless batch is a verification request, user data or not
    const body = eventless ? base : strip(base, USER_DATA_FIELDS)
    return { ...body, id, account, events: [] } as EventProcessingRequest
  })
}

const subscriptionDeclaration = (registration: RegistrationDeclaration): SettingsDeclaration => registration.audiences?.subscriptionSettings ?? {}

const arbProfileFor = (registration: RegistrationDeclaration, invalid: boolean): fc.Arbitrary<UserProfile> => {
  const declared = subscriptionDeclaration(registration)
  const subscription = arbSettingsFor(declared, { invalid, nulls: false, extraKeys: false }) as fc.Arbitrary<Record<string, string>>
  return fc.tuple(arbUserProfile, fc.array(subscription, { minLength: 3, maxLength: 3 })).map(([profile, settings]) => {
    if (profile.audiences === undefined) return profile
    const audiences = profile.audiences.map((audience, index) => {
      const own = settings[index % settings.length]
      const rest = strip(audience, ['audience_subscription_settings'])
      return Object.keys(own).length === 0 ? rest : { ...rest, audience_subscription_settings: own }
    })
    return { ...profile, audiences } as UserProfile
  })
}

/** Audience membership changes: profiles whose audiences carry the declared subscription settings; sometimes a verification request (no `user_profiles`). */
export const arbMembershipFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<AudienceMembershipChangeRequest> => {
  const invalid = options.invalidSettings === true
  const declared = settingsOf([registration.audiences?.settings])
  const withProfiles = fc
    .tuple(arbAudienceMembershipChangeRequest, fc.uuid(), arbAccount(declared, invalid), fc.array(arbProfileFor(registration, invalid), { maxLength: options.maxProfiles ?? 4 }))
    .map(([base, id, account, user_profiles]) => ({ ...base, id, account, user_profiles }) as AudienceMembershipChangeRequest)
  if (options.verification === false) return withProfiles
  return fc.oneof({ weight: 6, arbitrary: withProfiles }, { weight: 1, arbitrary: arbMembershipVerificationFor(registration, { ...options, invalidSettings: invalid }) })
}

/** Membership requests without `user_profiles`: verification requests. Their settings may be unreadable unless `invalidSettings: false`. */
export const arbMembershipVerificationFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<AudienceMembershipChangeRequest> =>
  fc
    .tuple(arbAudienceMembershipChangeRequest, fc.uuid(), arbAccount(settingsOf([registration.audiences?.settings]), options.invalidSettings !== false))
    .map(([base, id, account]) => ({ ...strip(base, ['user_profiles']), id, account }) as AudienceMembershipChangeRequest)

/** Audience subscription requests with the declared account and subscription settings. */
export const arbSubscriptionFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<AudienceSubscriptionRequest> => {
  const invalid = options.invalidSettings === true
  const subscription = arbSettingsFor(subscriptionDeclaration(registration), { invalid, nulls: false, extraKeys: false })
  return fc
    .tuple(
      arbAudienceSubscriptionRequest,
      fc.uuid(),
      arbAccount(settingsOf([registration.audiences?.settings]), invalid),
      fc.option(subscription, { nil: undefined }),
      fc.option(subscription, { nil: undefined }),
    )
    .map(([base, id, account, current, previous]) => {
      const request: Record<string, unknown> = { ...strip(base, ['audience_subscription_settings', 'previous_audience_subscription_settings']), id, account }
      if (current !== undefined && Object.keys(current).length > 0) request.audience_subscription_settings = current
      if (previous !== undefined && Object.keys(previous).length > 0) request.previous_audience_subscription_settings = previous
      return request as AudienceSubscriptionRequest
    })
}

/** Data-subject (erasure) requests with the declared DSR settings. */
export const arbDsrFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<DsrProcessingRequest> =>
  fc
    .tuple(arbDsrProcessingRequest, fc.uuid(), arbAccount(settingsOf([registration.dsr?.settings]), options.invalidSettings === true))
    .map(([base, id, account]) => ({ ...base, id, account }) as DsrProcessingRequest)

/** A fast-check arbitrary of `module_registration_request` messages. */
export const arbRegistrationRequestFor = (): fc.Arbitrary<ModuleRegistrationRequest> => fc.tuple(arbModuleRegistrationRequest, fc.uuid()).map(([base, id]) => ({ ...base, id }))

/** The message kinds this registration declares (registration requests always). */
export const declaredKinds = (registration: RegistrationDeclaration): RequestKind[] => [
  'registration',
  ...(registration.events ? (['events'] as const) : []),
  ...(registration.audiences ? (['membership', 'subscription'] as const) : []),
  ...(registration.dsr ? (['dsr'] as const) : []),
]

/** Any request this registration can receive, each kind through its own arbitrary above. */
export const arbRequestFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<Message> => {
  const kinds = options.kinds ?? declaredKinds(registration)
  const byKind: Record<RequestKind, () => { weight: number; arbitrary: fc.Arbitrary<Message> }> = {
    registration: () => ({ weight: 1, arbitrary: arbRegistrationRequestFor() }),
    events: () => ({ weight: 6, arbitrary: arbEventBatchFor(registration, options) }),
    membership: () => ({ weight: 3, arbitrary: arbMembershipFor(registration, options) }),
    subscription: () => ({ weight: 2, arbitrary: arbSubscriptionFor(registration, options) }),
    dsr: () => ({ weight: 2, arbitrary: arbDsrFor(registration, options) }),
  }
  if (kinds.length === 0) throw new TypeError('arbRequestFor: no message kinds to generate')
  return fc.oneof(...kinds.map((kind) => byKind[kind]()))
}

/** Verification requests this registration can receive (none when it declares neither events nor audiences). */
export const arbVerificationRequestFor = (registration: RegistrationDeclaration, options: RequestArbitraryOptions = {}): fc.Arbitrary<Message> | undefined => {
  const choices: fc.Arbitrary<Message>[] = []
  if (registration.events) choices.push(arbEventVerificationFor(registration, options))
  if (registration.audiences) choices.push(arbMembershipVerificationFor(registration, options))
  return choices.length === 0 ? undefined : fc.oneof(...choices)
}

import { audienceMembership, customEvent, eventBatch, everyEvent, registrationRequest, uuid } from '../../testing/builders.js'
import { FIREHOSE_VERSION } from '../../schema/index.js'
import { sample } from '../samples.js'
import type { Declaration } from './declaration.js'

type Json = Record<string, unknown>
type Account = { account_id: number; account_settings: Record<string, string | null> }

/** The request kinds a declaration can take, first the one checks use when they need "a normal message". */
export type RequestKind = 'events' | 'subscription' | 'membership' | 'dsr'

export const RESPONSE_TYPE: Record<RequestKind | 'registration', string> = {
  registration: 'module_registration_response',
  events: 'event_processing_response',
  subscription: 'audience_subscription_response',
  membership: 'audience_membership_change_response',
  dsr: 'dsr_processing_response',
}

/** An event type no version of the protocol has (yet). */
export const UNKNOWN_EVENT_TYPE = 'holographic_projection'
/** A value no enum of the protocol has (yet). */
export const UNKNOWN_ENUM_VALUE = 'teleport'

/** For each event type with an enum field, where a value from the future goes. */
const ENUM_FIELD: Record<string, string> = {
  custom_event: 'custom_event_type',
  product_action: 'action',
  promotion_action: 'action',
  push_subscription: 'action',
  application_state_transition: 'application_state',
  privacy_setting_change: 'setting',
}

/** A small seeded generator, so the latency batches are the same from run to run. */
const seeded = (seed: number) => {
  let state = seed >>> 0 || 1
  return (): number => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4_294_967_296
  }
}

const account = (message: unknown): Account => (message as { account: Account }).account

export interface MessageFactory {
  readonly kinds: ReadonlyArray<RequestKind>
  /** The kind a check uses for "a normal message": events when declared, else audiences, else DSR. */
  readonly primary: RequestKind | undefined
  registration(): Json
  /** One realistic message of the kind; `i` varies its size (the latency batches). */
  message(kind: RequestKind, i?: number): Json
  /** One event of every declared type (a custom event when none is declared). */
  knownEvents(): Json[]
  eventBatch(events: ReadonlyArray<Json>): Json
  /** An event batch with no events and no user data. */
  eventVerification(): Json
  /** A membership change without `user_profiles`. */
  membershipVerification(): Json
  /** The known events, one event of a type from the future and one known event with an enum value from the future. */
  forwardBatch(): { message: Json; known: number }
  /** About 1 MB, 1,000 events of the declared types. */
  largeBatch(): Json
  subscription(action: 'add' | 'update' | 'remove', subscriptionSettings?: Record<string, string>): Json
  membership(subscriptionSettings?: Record<string, string>): Json
}

export const createMessageFactory = (declaration: Declaration, overrides: Record<string, string> = {}): MessageFactory => {
  const raw = declaration.raw
  const kinds: RequestKind[] = []
  if (declaration.events) kinds.push('events')
  if (declaration.audiences) kinds.push('subscription', 'membership')
  if (declaration.dsr) kinds.push('dsr')
  let eventSettings: Account | undefined
  /** The account every event batch carries (the declared settings filled once). */
  const eventAccount = (): Account => (eventSettings ??= account(sample('events', raw, overrides)))
  const eventTypes = declaration.events?.types.length ? declaration.events.types : ['custom_event']
  const eventOf = (type: string): Json => (everyEvent().find((event) => event.type === type) ?? customEvent()) as unknown as Json
  const knownEvents = (): Json[] => eventTypes.map(eventOf)
  const batch = (events: ReadonlyArray<Json>): Json => ({ ...(eventBatch({ events }) as unknown as Json), account: eventAccount() })
  const subscriptionSample = (): Json => sample('subscription', raw, overrides) as Json
  const membership = (subscriptionSettings: Record<string, string> = {}): Json => {
    const message = sample('audience', raw, overrides) as Json
    const profiles = (message.user_profiles as Json[]).map((profile) => ({
      ...profile,
      audiences: (profile.audiences as Json[]).flatMap((audience) => [
        { ...audience, audience_subscription_settings: { ...(audience.audience_subscription_settings as Json), ...subscriptionSettings } },
        {
          ...audience,
          audience_id: 43,
          audience_name: 'Lapsed customers',
          action: 'delete',
          audience_subscription_settings: { ...(audience.audience_subscription_settings as Json), ...subscriptionSettings },
        },
      ]),
    }))
    return { ...message, user_profiles: profiles }
  }
  const realisticBatch = (i: number): Json => {
    const random = seeded(i + 1)
    const count = 1 + Math.floor(random() * 12)
    const events = Array.from({ length: count }, () => {
      const event = eventOf(eventTypes[Math.floor(random() * eventTypes.length)]!)
      return 'attributes' in event
        ? { ...event, attributes: Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 8) }, (_, k) => [`attribute_${k}`, `value ${Math.floor(random() * 1e6)}`])) }
        : event
    })
    return batch(events)
  }
  return {
    kinds,
    primary: kinds[0],
    registration: () => registrationRequest() as unknown as Json,
    message(kind, i = 0) {
      switch (kind) {
        case 'events':
          return realisticBatch(i)
        case 'subscription':
          return subscriptionSample()
        case 'membership':
          return membership()
        case 'dsr':
          return sample('dsr', raw, overrides) as Json
      }
    },
    knownEvents,
    eventBatch: batch,
    eventVerification: () => ({
      type: 'event_processing_request',
      id: uuid(),
      timestamp_ms: Date.now(),
      firehose_version: FIREHOSE_VERSION,
      source_id: uuid(),
      account: eventAccount(),
      events: [],
    }),
    membershipVerification: () => {
      const { user_profiles: _profiles, ...rest } = audienceMembership({ profiles: null }) as unknown as Json
      return { ...rest, account: account(sample('audience', raw, overrides)) }
    },
    forwardBatch() {
      const known = knownEvents()
      const futureType = { type: UNKNOWN_EVENT_TYPE, id: uuid(), timestamp_ms: Date.now(), source_id: uuid(), hologram: { depth_cm: 12 } }
      const withEnum = eventTypes.find((type) => ENUM_FIELD[type] !== undefined) ?? 'custom_event'
      const futureValue = { ...eventOf(withEnum), [ENUM_FIELD[withEnum] ?? 'custom_event_type']: UNKNOWN_ENUM_VALUE }
      return { message: { ...batch([...known, futureType, futureValue]), a_field_from_the_future: true }, known: known.length }
    },
    largeBatch() {
      const filler = 'x'.repeat(110)
      const events = Array.from({ length: 1000 }, (_, i) => {
        const event = eventOf(eventTypes[i % eventTypes.length]!)
        return 'attributes' in event ? { ...event, attributes: Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`attribute_${k}`, `${k}${filler}`])) } : event
      })
      return batch(events)
    },
    subscription(action, subscriptionSettings) {
      const message = subscriptionSample()
      const previous = message.audience_subscription_settings as Record<string, string> | undefined
      const settings = { ...previous, ...subscriptionSettings }
      return {
        ...message,
        action,
        ...(Object.keys(settings).length > 0 ? { audience_subscription_settings: settings } : {}),
        ...(action === 'update' ? { previous_audience_subscription_settings: settings, audience_name: 'Loyal customers (renamed)' } : {}),
      }
    },
    membership,
  }
}

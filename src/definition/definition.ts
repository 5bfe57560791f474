import type { Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { FirehoseError } from '../errors.js'
import type { Logger } from '../logger.js'
import type {
  AudienceMembershipChangeRequest,
  AudienceSubscriptionRequest,
  DsrProcessingRequest,
  Event,
  EventByType,
  EventProcessingRequest,
  EventType,
  NotificationByType,
  NotificationType,
} from '../schema/index.js'
import type { HttpClient } from '../delivery/index.js'
import type { RegistrationDeclaration } from './registration.js'
import type { SettingValues, SettingsDeclaration } from './settings.js'
import type { AudienceGroup } from './audience-groups.js'

/**
 * What a handler returns: an Either, a TaskEither, or a Promise of an Either; or nothing at all
 * (`undefined`, an `async` function that returns nothing), which counts as delivered.
 */
export type HandlerResult<A = unknown> = Either<FirehoseError, A> | TaskEither<FirehoseError, A> | Promise<Either<FirehoseError, A> | void> | void

/** `onEvents` may answer per event: a map from event id to that event's result. */
export type EventResults = Readonly<Record<string, Either<FirehoseError, unknown>>>

/** No settings declared: an object type without keys (unlike `{}`, which admits any non-nullish value). */
type NoSettings = Record<never, never>

type DeclaredSettings<X, K extends string> = X extends { readonly [P in K]?: infer S } ? (S extends SettingsDeclaration ? S : NoSettings) : NoSettings
type Values<X, K extends string> = SettingValues<DeclaredSettings<X, K>>

/** The typed account and connection settings of event batches, from `registration.events`. */
export type EventSettings<R> = R extends { readonly events?: infer E } ? Values<E, 'settings'> & Values<E, 'connectionSettings'> : NoSettings
/** The typed account settings of audience messages, from `registration.audiences.settings`. */
export type AudienceSettings<R> = R extends { readonly audiences?: infer A } ? Values<A, 'settings'> : NoSettings
/** The typed subscription settings of an audience, from `registration.audiences.subscriptionSettings`. */
export type SubscriptionSettings<R> = R extends { readonly audiences?: infer A } ? Values<A, 'subscriptionSettings'> : NoSettings
/** The typed account settings of erasure requests, from `registration.dsr.settings`. */
export type DsrSettings<R> = R extends { readonly dsr?: infer D } ? Values<D, 'settings'> : NoSettings

/** The event types the registration lists; all of them when it lists none. */
export type DeclaredEventTypes<R> = R extends { readonly events?: { readonly types?: ReadonlyArray<infer T> } } ? (unknown extends T ? EventType : Extract<T, EventType>) : never

export type DeclaredNotificationTypes<R> = R extends { readonly events?: { readonly notifications?: ReadonlyArray<infer T> } }
  ? unknown extends T
    ? NotificationType
    : Extract<T, NotificationType>
  : never

/** What every handler's context carries. */
export interface BaseContext<S> {
  /** The declared settings, decoded and typed, defaults applied. */
  readonly settings: S
  readonly messageId: string
  /** mParticle's id of the customer's configuration (`account.account_id`). */
  readonly accountId: number | undefined
  /** Structured, one JSON line per entry; confidential setting values are masked. */
  readonly logger: Logger
  /** Fires shortly before the Lambda deadline (or the configured budget). */
  readonly signal: AbortSignal
  /** The partner-API client, bound to this message's deadline, signal and secrets. */
  readonly http: HttpClient
  /** The clock, injectable for tests. */
  readonly now: () => number
}

export interface EventContext<R> extends BaseContext<EventSettings<R>> {
  readonly request: EventProcessingRequest
}

export interface AudienceContext<R> extends BaseContext<AudienceSettings<R>> {
  readonly request: AudienceMembershipChangeRequest
  /** The profiles grouped by audience and action, with each audience's subscription settings typed. */
  readonly audiences: ReadonlyArray<AudienceGroup<SubscriptionSettings<R>>>
}

export interface SubscriptionContext<R> extends BaseContext<AudienceSettings<R>> {
  readonly request: AudienceSubscriptionRequest
  /** The subscription's current settings, typed; keys without a value are absent. */
  readonly subscriptionSettings: Partial<SubscriptionSettings<R>>
  readonly previousSubscriptionSettings: Partial<SubscriptionSettings<R>>
}

export interface DsrContext<R> extends BaseContext<DsrSettings<R>> {
  readonly request: DsrProcessingRequest
}

/** The events `onEvents` is given: valid, of a declared type, fresh enough, not yet delivered. */
export interface EventBatch {
  readonly request: EventProcessingRequest
  readonly events: ReadonlyArray<Event>
  /** Which chunk of the message this is (0-based) and how many there are. */
  readonly chunk: { readonly index: number; readonly count: number }
}

type OnHandlers<R> = {
  readonly [K in DeclaredEventTypes<R>]?: (event: EventByType[K], ctx: EventContext<R>) => HandlerResult
}
type NotificationHandlers<R> = {
  readonly [K in DeclaredNotificationTypes<R>]?: (notification: NotificationByType[K], ctx: EventContext<R>) => HandlerResult
}

type IfDeclared<R, K extends keyof RegistrationDeclaration, T> = R extends { readonly [P in K]: object } ? T : never

/** What a partner declares: the registration, and one pure function per message kind it handles. */
export interface FirehoseDefinition<R extends RegistrationDeclaration> {
  readonly registration: R
  /** Batch-level work, once per message (or per chunk), before the `on` handlers. */
  readonly onEvents?: IfDeclared<R, 'events', (batch: EventBatch, ctx: EventContext<R>) => HandlerResult | EventResults | Promise<Either<FirehoseError, unknown> | EventResults>>
  /** One handler per declared event type, called once per event in ascending `timestamp_ms`. */
  readonly on?: IfDeclared<R, 'events', OnHandlers<R>>
  readonly onNotification?: IfDeclared<R, 'events', NotificationHandlers<R>>
  /** Audience membership changes. */
  readonly onAudience?: IfDeclared<R, 'audiences', (request: AudienceMembershipChangeRequest, ctx: AudienceContext<R>) => HandlerResult>
  /** Audience connected, changed or removed; may resolve to subscription settings to store. */
  readonly onAudienceSubscription?: IfDeclared<
    R,
    'audiences',
    (request: AudienceSubscriptionRequest, ctx: SubscriptionContext<R>) => HandlerResult<Partial<SubscriptionSettings<R>> | void>
  >
  /** Erasure (and other data subject) requests, once per request. */
  readonly onDsr?: IfDeclared<R, 'dsr', (request: DsrProcessingRequest, ctx: DsrContext<R>) => HandlerResult>
}

/** The definition as the runtime sees it, its types erased. */
export type AnyHandler = (input: any, ctx: any) => unknown
export interface LooseDefinition {
  readonly registration: RegistrationDeclaration
  readonly onEvents?: AnyHandler
  readonly on?: Readonly<Record<string, AnyHandler | undefined>>
  readonly onNotification?: Readonly<Record<string, AnyHandler | undefined>>
  readonly onAudience?: AnyHandler
  readonly onAudienceSubscription?: AnyHandler
  readonly onDsr?: AnyHandler
}

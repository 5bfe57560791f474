import type { LambdaContext } from './lambda.js'
import type { Logger } from '../logger.js'
import type { Decoded, Event } from '../schema/index.js'
import type { ItemOutcome } from './outcome.js'

/** Which HTTP event shape carried a message: API Gateway REST (v1), HTTP API (v2), a function URL, or `serve()`. */
export type HttpShape = 'rest' | 'http-api' | 'function-url' | 'server'

/** How the message arrived: a direct Lambda invocation, or over HTTP with its headers (names lower-cased). */
export type Arrival = { readonly transport: 'direct' } | { readonly transport: 'http'; readonly shape: HttpShape; readonly headers: Readonly<Record<string, string>> }

/** Written by `validate`: what the message may do, and what was decided about it before any handler runs. */
export interface Admitted {
  /** The logger for this message: its id, type and account, and its confidential settings masked. */
  readonly logger: Logger
  /** A verification (keep-alive) request: answered with the empty response, no handler runs. */
  readonly verification: boolean
  /** The account settings of the message's kind, decoded and typed (empty for kinds without settings). */
  readonly settings: Readonly<Record<string, unknown>>
  /** Confidential setting values present in the message, masked in logs and partner-call errors. */
  readonly secrets: ReadonlyArray<string>
  /** Event batches: the events handlers may see (valid, declared, fresh enough). */
  readonly events: ReadonlyArray<Event>
  /** Event batches: the outcomes decided here (undecodable, undeclared, too old). */
  readonly screened: ReadonlyArray<ItemOutcome>
}

/** Written by `batch`: the chunks `onEvents` receives and the order and concurrency of the `on` handlers. */
export interface BatchPlan {
  readonly chunks: ReadonlyArray<ReadonlyArray<Event>>
  readonly ordered: ReadonlyArray<Event>
  readonly concurrency: number
}

/**
 * What firehose-kit's middlewares know about one invocation. Each slot has exactly one writer:
 * `arrival` and `raw` by `httpEvent` (a direct invocation when it did not run), `decoded` by
 * `decode`, `admitted` by `validate`, `plan` by `batch`. A partner's own middleware reads them
 * typed through `firehoseState(request)`.
 */
export interface FirehoseState {
  readonly arrival: Arrival
  /** The message as parsed JSON, before decoding (`httpEvent` sets it once the body is read). */
  raw: unknown
  /** The typed message and the problems lenient decoding tolerated. */
  decoded?: Decoded
  admitted?: Admitted
  plan?: BatchPlan
}

/** `request.internal` of a firehose-kit pipeline: the state lives with the invocation, never on the shared Lambda context. */
export type FirehoseInternal = {
  firehose?: FirehoseState
}

/**
 * The middy request every firehose-kit middleware (and a partner's own) sees: middy's `Request`,
 * declared here so that firehose-kit's types need neither `@middy/core`'s nor `aws-lambda`'s.
 */
export interface FirehoseRequest<TEvent = unknown, TResult = unknown> {
  event: TEvent
  context: LambdaContext
  response: TResult | null
  error: Error | null
  internal: FirehoseInternal
}

/** One step of a middleware: middy calls it with the invocation's request. */
export type MiddlewareStep = (request: FirehoseRequest<any, any>) => unknown

/**
 * What every firehose-kit middleware factory returns: a middy middleware object, usable with any
 * middy handler's `.use()` (and with a firehose-kit handler's).
 */
export interface FirehoseMiddleware {
  readonly name?: string
  readonly before?: MiddlewareStep
  readonly after?: MiddlewareStep
  readonly onError?: MiddlewareStep
}

/** A middleware from anywhere (middy's own, Powertools' `injectLambdaContext`...): any request shape. */
export interface AnyMiddleware {
  readonly name?: string
  readonly before?: (request: any) => unknown
  readonly after?: (request: any) => unknown
  readonly onError?: (request: any) => unknown
}

// A middleware from elsewhere may type its request with any internal shape.
type AnyRequest = { readonly event: unknown; readonly internal: any }

/**
 * The invocation's state. When no transport middleware ran it starts as a direct invocation of
 * `request.event`, so a middleware used alone behaves as on Lambda.
 */
export const firehoseState = (request: AnyRequest): FirehoseState => {
  const internal = request.internal as FirehoseInternal
  return (internal.firehose ??= { arrival: { transport: 'direct' }, raw: request.event })
}

/** Starts the invocation's state: what `httpEvent` writes before anything else reads it. */
export const startState = (request: AnyRequest, arrival: Arrival, raw: unknown): FirehoseState => {
  const state: FirehoseState = { arrival, raw }
  ;(request.internal as FirehoseInternal).firehose = state
  return state
}

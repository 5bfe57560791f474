import type { Request } from '@middy/core'
import type { Problem } from '../schema/problem.js'

/** How the message arrived: a direct Lambda invocation, or over HTTP (API Gateway, function URL, `serve()`). */
export type Transport = 'direct' | 'http'
export type HttpShape = 'rest' | 'http-api' | 'function-url' | 'server'

/**
 * What firehose-kit's middlewares share about one message, kept on the Lambda context under a
 * symbol (middy hands the context to the base handler, which is how dispatch reads it).
 * Every middleware reads it through `stateOf(request)`, which creates it from `request.event`
 * when no transport middleware ran (a middleware used alone sees a direct invocation).
 */
export interface FirehoseState {
  transport: Transport
  /** Request headers with lower-cased names; empty for direct invocations. */
  headers: Readonly<Record<string, string>>
  /** The message as parsed JSON, before decoding. */
  raw: unknown
  httpShape?: HttpShape
  /** Set by `decode`: the typed message and the problems tolerated on the way. */
  message?: unknown
  problems?: ReadonlyArray<Problem>
  /** Free slots for the other middlewares (validate, batch, checkpoints...). */
  [key: string]: unknown
}

export const STATE = Symbol.for('firehose-kit.state')

const holder = (request: Request<any, any, any, any, any>): Record<symbol, FirehoseState | undefined> => {
  if (request.context === undefined || request.context === null) request.context = {}
  return request.context as Record<symbol, FirehoseState | undefined>
}

export const stateOf = (request: Request<any, any, any, any, any>): FirehoseState => {
  const context = holder(request)
  let state = context[STATE]
  if (state === undefined) {
    state = { transport: 'direct', headers: {}, raw: request.event }
    context[STATE] = state
  }
  return state
}

export const setState = (request: Request<any, any, any, any, any>, state: FirehoseState): void => {
  holder(request)[STATE] = state
}

/** The state as the base handler sees it, through the context middy passes it. */
export const stateFromContext = (context: unknown): FirehoseState | undefined =>
  context !== null && typeof context === 'object' ? (context as Record<symbol, FirehoseState | undefined>)[STATE] : undefined

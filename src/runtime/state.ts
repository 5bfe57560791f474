import type { Request } from '@middy/core'
import type { Problem } from '../schema/problem.js'

/** How the message arrived: a direct Lambda invocation, or over HTTP (API Gateway, function URL, `serve()`). */
export type Transport = 'direct' | 'http'
export type HttpShape = 'rest' | 'http-api' | 'function-url' | 'server'

/**
 * What firehose-kit's middlewares share about one message, kept at `request.internal.firehose`.
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

const KEY = 'firehose'

export const stateOf = (request: Request<any, any, any, any, any>): FirehoseState => {
  const internal = request.internal as Record<string, unknown>
  let state = internal[KEY] as FirehoseState | undefined
  if (state === undefined) {
    state = { transport: 'direct', headers: {}, raw: request.event }
    internal[KEY] = state
  }
  return state
}

export const setState = (request: Request<any, any, any, any, any>, state: FirehoseState): void => {
  ;(request.internal as Record<string, unknown>)[KEY] = state
}

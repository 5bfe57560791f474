import middy from '@middy/core'
import { handingRequestTo } from '../src/core/execution-mode.js'
import type { MaybePromise } from '../src/core/maybe-async.js'
import type { FirehoseRequest } from '../src/core/state.js'
import type { FirehoseHandler } from '../src/core/handler.js'

/**
 * A middy handler whose base handler receives the whole request, so it reads the invocation's
 * typed state (`firehoseState(request)`) like a middleware does; add middlewares with `.use()`.
 * This is how `firehose()` composes its own pipeline around its dispatchers.
 */
export const pipeline = (base: (request: FirehoseRequest) => MaybePromise<unknown>): FirehoseHandler =>
  middy({ timeoutEarlyInMillis: 0, executionMode: handingRequestTo(base as (request: unknown) => MaybePromise<unknown>) }) as unknown as FirehoseHandler

import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { handingRequestTo } from '../src/core/execution-mode.js'
import type { MaybePromise } from '../src/core/maybe-async.js'
import type { FirehoseRequest } from '../src/core/state.js'

/**
 * A middy handler whose base handler receives the whole request, so it reads the invocation's
 * typed state (`firehoseState(request)`) like a middleware does; add middlewares with `.use()`.
 * This is how `firehose()` composes its own pipeline around its dispatchers.
 */
export const pipeline = <TResult>(base: (request: FirehoseRequest) => MaybePromise<TResult>) =>
  middy<unknown, TResult, Error, Context>({ timeoutEarlyInMillis: 0, executionMode: handingRequestTo(base) })

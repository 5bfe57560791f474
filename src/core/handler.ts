import type { LambdaContext, LambdaHttpEvent, LambdaHttpResult } from './lambda.js'
import type { AnyMiddleware, FirehoseRequest } from './state.js'

/**
 * A firehose-kit handler: a middy handler for Lambda (direct, API Gateway REST or HTTP API, function
 * URL) and `serve()`. It is an `aws-lambda` `APIGatewayProxyHandlerV2` and `LambdaFunctionURLHandler`
 * too; its types are declared here so that a project needs neither `@middy/core`'s nor `aws-lambda`'s.
 */
export interface FirehoseHandler {
  /** An HTTP event (API Gateway, function URL): answered in the same shape, with the status of the outcome. */
  (event: LambdaHttpEvent, context: LambdaContext): Promise<LambdaHttpResult>
  /** A direct invocation with the raw message: resolves to the response envelope, or rejects with a `FirehoseError`. */
  (event: unknown, context: LambdaContext): Promise<unknown>
  /** Adds middy middlewares (yours, middy's, Powertools' `injectLambdaContext`...) after firehose-kit's own. */
  use(middlewares: AnyMiddleware | ReadonlyArray<AnyMiddleware>): FirehoseHandler
  /** Adds a `before` step (middy's `.before()`). */
  before(step: (request: FirehoseRequest) => unknown): FirehoseHandler
  /** Adds an `after` step (middy's `.after()`). */
  after(step: (request: FirehoseRequest) => unknown): FirehoseHandler
  /** Adds an `onError` step (middy's `.onError()`). */
  onError(step: (request: FirehoseRequest) => unknown): FirehoseHandler
}

/**
 * One middy middleware per pipeline step (`httpEvent`, `errors`, `auth`, `decode`, `validate`,
 * `batch`), usable alone with any middy handler, and `pipeline()` for a hand-made composition.
 * @module firehose-kit/middlewares
 */
export { httpEvent, type HttpEventOptions } from './http-event.js'
export { errors, type ErrorsOptions } from './errors.js'
export { auth, tokenFrom, type AuthOptions } from './auth.js'
export { decode, type DecodeMiddlewareOptions } from './decode.js'
export { validate, isVerification, hasUserData, type ValidateOptions } from './validate.js'
export { batch, chunk, byTimestamp, type BatchOptions } from './batch.js'
export { validateResponses } from './validate-responses.js'
export { responseSchema } from './response-schema.js'
export { pipeline } from './pipeline.js'
export {
  firehoseState,
  type FirehoseState,
  type FirehoseRequest,
  type FirehoseInternal,
  type FirehoseMiddleware,
  type Arrival,
  type HttpShape,
  type Admitted,
  type BatchPlan,
} from '../src/core/state.js'
export type { ItemOutcome, ItemKind, Outcome, DispatchResult } from '../src/core/outcome.js'

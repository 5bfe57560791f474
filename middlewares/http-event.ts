import { DEFAULTS } from '../src/core/defaults.js'
import { errorAnswer, successAnswer, type HttpAnswerOptions } from '../src/core/http-answer.js'
import { bodyText, parseJsonBody } from '../src/core/http-body.js'
import { httpShapeOf, readHttpRequest } from '../src/core/http-request.js'
import { rejectUnknownOptions } from '../src/core/options.js'
import { isHttpAnswer } from '../src/core/server-event.js'
import { firehoseState, startState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import { isFirehoseError } from '../src/errors.js'
import { asLogger, type LoggerLike } from '../src/logger.js'

/** Options of the `httpEvent` middleware: the body limit, the retry status, the logger. */
export interface HttpEventOptions {
  /** Bodies larger than this (in bytes, after base64 decoding) are answered 413. @default 6 MB, Lambda's own limit */
  readonly maxBodyBytes?: number
  /** Status for retryable outcomes. @default 429 */
  readonly retryStatus?: number
  /** `Retry-After` seconds when a retryable error names no delay. @default 1 */
  readonly defaultRetryAfterSeconds?: number
  /** Where an unexpected (non-Firehose) error is reported, by its name only. */
  readonly logger?: LoggerLike
}

const KNOWN = ['maxBodyBytes', 'retryStatus', 'defaultRetryAfterSeconds', 'logger']

/**
 * The transport adapter. A Firehose message invoked directly passes through untouched; an API Gateway
 * REST (v1), HTTP API (v2), function URL or `serve()` event is unwrapped (headers lower-cased, body
 * base64-decoded and parsed) into the invocation's state, and the outcome is answered in the same
 * shape: 200 with the response, or the status of the outcome table (`src/core/outcome.ts`) for a
 * thrown `FirehoseError`. Use it first, so that its `after` and `onError` run last.
 */
export const httpEvent = (options: HttpEventOptions = {}): FirehoseMiddleware => {
  rejectUnknownOptions('httpEvent()', options, KNOWN)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes
  const answerOptions: HttpAnswerOptions = {
    retryStatus: options.retryStatus ?? DEFAULTS.retryStatus,
    defaultRetryAfterSeconds: options.defaultRetryAfterSeconds ?? DEFAULTS.retryAfterSeconds,
  }
  const logger = asLogger(options.logger)

  const before = (request: FirehoseRequest): void => {
    const shape = httpShapeOf(request.event)
    if (shape === undefined) {
      startState(request, { transport: 'direct' }, request.event)
      return
    }
    const view = readHttpRequest(request.event as Record<string, unknown>, shape)
    // The state starts before the body is read, so every onError knows this came over HTTP.
    const state = startState(request, { transport: 'http', shape, headers: view.headers }, undefined)
    state.raw = parseJsonBody(bodyText(view.body, view.isBase64Encoded, maxBodyBytes))
  }

  const after = (request: FirehoseRequest): void => {
    if (firehoseState(request).arrival.transport !== 'http' || isHttpAnswer(request.response)) return
    request.response = successAnswer(request.response)
  }

  const onError = (request: FirehoseRequest): void => {
    if (firehoseState(request).arrival.transport !== 'http') return
    if (isHttpAnswer(request.response)) return
    // An inner onError already turned the failure into a Firehose response: that is an answer, not a failure.
    if (request.response !== undefined) {
      request.response = successAnswer(request.response)
      return
    }
    const error = request.error
    if (!isFirehoseError(error)) {
      logger.error('unexpected error answered as retryable', { error: error instanceof Error ? error.name : typeof error })
    }
    request.response = errorAnswer(error, answerOptions)
  }

  return { name: 'httpEvent', before, after, onError }
}

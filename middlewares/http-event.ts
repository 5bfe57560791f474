import type { MiddlewareObj, Request } from '@middy/core'
import { createLogger, type Logger } from '../src/logger.js'
import { isFirehoseError } from '../src/errors.js'
import { setState, stateOf } from '../src/runtime/state.js'
import { httpShapeOf, readHttpRequest } from '../src/transports/http-request.js'
import { DEFAULT_MAX_BODY_BYTES, bodyText, parseJsonBody } from '../src/transports/http-body.js'
import { errorAnswer, successAnswer, type HttpAnswerOptions } from '../src/transports/http-answer.js'
import { isHttpResult } from '../src/transports/server-event.js'

export interface HttpEventOptions {
  /** Bodies larger than this (in bytes, after base64 decoding) are answered 413. Default 6 MB, Lambda's own limit. */
  readonly maxBodyBytes?: number
  /** Status for retryable outcomes. Default 429. */
  readonly retryStatus?: number
  /** `Retry-After` seconds when a retryable error names no delay. Default 1. */
  readonly defaultRetryAfterSeconds?: number
  /** Where an unexpected (non-Firehose) error is reported, by its name only. */
  readonly logger?: Logger
}

type AnyRequest = Request<any, any, any, any, any>

/**
 * The transport adapter. A Firehose message invoked directly passes through untouched; an API Gateway
 * REST (v1), HTTP API (v2), function URL or `serve()` event is unwrapped (headers lower-cased, body
 * base64-decoded and parsed) into the shared state, and the outcome is answered in the same shape:
 * 200 with the response, or the status of the design's outcome tables for a thrown `FirehoseError`.
 * Use it first, so that its `after` and `onError` run last.
 */
export const httpEvent = (options: HttpEventOptions = {}): MiddlewareObj<any, any, any, any, any> => {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const answerOptions: HttpAnswerOptions = {
    retryStatus: options.retryStatus ?? 429,
    defaultRetryAfterSeconds: options.defaultRetryAfterSeconds ?? 1,
  }
  const logger = options.logger ?? createLogger()

  const before = (request: AnyRequest): void => {
    const shape = httpShapeOf(request.event)
    if (shape === undefined) {
      setState(request, { transport: 'direct', headers: {}, raw: request.event })
      return
    }
    const view = readHttpRequest(request.event, shape)
    // The state is set before the body is read, so every onError knows this came over HTTP.
    const state = { transport: 'http' as const, headers: view.headers, raw: undefined as unknown, httpShape: shape }
    setState(request, state)
    state.raw = parseJsonBody(bodyText(view.body, view.isBase64Encoded, maxBodyBytes))
  }

  const after = (request: AnyRequest): void => {
    if (stateOf(request).transport !== 'http' || isHttpResult(request.response)) return
    request.response = successAnswer(request.response)
  }

  const onError = (request: AnyRequest): void => {
    if (stateOf(request).transport !== 'http') return
    if (isHttpResult(request.response)) return
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

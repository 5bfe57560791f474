import { isFirehoseError } from '../errors.js'
import { stringifyMessage } from '../schema/exact.js'
import { BOUNDS, clip, firstOf } from './bounds.js'
import { DEFAULTS } from './defaults.js'
import { OUTCOMES } from './outcome.js'
import type { HttpAnswer } from './server-event.js'

export interface HttpAnswerOptions {
  /** Status for retryable outcomes; 429 is the one every version of mParticle's docs retries. */
  readonly retryStatus: number
  /** `Retry-After` when the error names no delay. */
  readonly defaultRetryAfterSeconds: number
}

export const defaultAnswerOptions: HttpAnswerOptions = { retryStatus: DEFAULTS.retryStatus, defaultRetryAfterSeconds: DEFAULTS.retryAfterSeconds }

const JSON_HEADERS = { 'content-type': 'application/json' } as const

export const jsonAnswer = (statusCode: number, payload: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  statusCode,
  headers: { ...JSON_HEADERS, ...headers },
  // int64 values held as exact text are written as bare numbers with the same digits
  body: stringifyMessage(payload ?? null),
  isBase64Encoded: false,
})

/** A message answered normally: 200 and the Firehose response. */
export const successAnswer = (response: unknown): HttpAnswer => jsonAnswer(200, response)

const retryAnswer = (reason: string, retryAfterMs: number | undefined, options: HttpAnswerOptions): HttpAnswer => {
  const seconds = retryAfterMs === undefined ? options.defaultRetryAfterSeconds : Math.max(0, Math.ceil(retryAfterMs / 1000))
  return jsonAnswer(options.retryStatus, { error: 'retryable', reason }, { 'retry-after': String(seconds) })
}

/** What mParticle is told when something that is not a FirehoseError escaped: a bug, so retry later. */
export const INTERNAL_REASON = 'internal error; retry later'

/** The HTTP answer for a failed message, following the outcome table (`OUTCOMES` in ./outcome.ts) for the outcomes, and the transport's own refusals. */
export const errorAnswer = (error: unknown, options: HttpAnswerOptions = defaultAnswerOptions): HttpAnswer => {
  if (!isFirehoseError(error)) return retryAnswer(INTERNAL_REASON, undefined, options)
  const reason = clip(error.reason)
  switch (error.kind) {
    case 'retryable':
      return retryAnswer(reason, error.retryAfterMs, options)
    case 'permanent':
    case 'suspend':
      return jsonAnswer(OUTCOMES[error.kind].refusedStatus, { error: error.kind, reason })
    case 'decode': {
      // The first problems and a count of the rest: a hostile message can have millions.
      const { shown, more } = firstOf(error.problems ?? [], BOUNDS.problems)
      return jsonAnswer(400, {
        error: 'decode',
        reason,
        problems: shown.map(({ path, expected, actual, message }) => ({ path: clip(path), expected, actual, message: clip(message) })),
        ...(more > 0 ? { more } : {}),
      })
    }
    case 'unauthorized':
      return jsonAnswer(401, { error: 'unauthorized', reason }, { 'www-authenticate': 'Token' })
    case 'too_large':
      return jsonAnswer(413, { error: 'too_large', reason })
    default:
      return retryAnswer(INTERNAL_REASON, undefined, options)
  }
}

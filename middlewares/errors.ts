import { responseFor } from '../src/core/envelope.js'
import { rejectUnknownOptions } from '../src/core/options.js'
import { fold, hasSuspendFlag, OUTCOMES, type DispatchResult } from '../src/core/outcome.js'
import { fromThrown, type OnThrow } from '../src/core/results.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import { FirehoseError, isFirehoseError } from '../src/errors.js'
import { asLogger, type LoggerLike } from '../src/logger.js'

/** Options of the `errors` middleware: where failures are logged, what a foreign throw counts as, the clock. */
export interface ErrorsOptions {
  readonly logger?: LoggerLike
  /** What a thrown value that is not a FirehoseError counts as. @default 'retryable' */
  readonly onThrow?: OnThrow
  /** Testing only: the clock of the response's `timestamp_ms`. */
  readonly now?: () => number
}

const isDispatchResult = (value: unknown): value is DispatchResult =>
  value !== null && typeof value === 'object' && Array.isArray((value as DispatchResult).items)

/**
 * Folds the per-item outcomes into one (the outcome table in `src/core/outcome.ts`), logs every
 * item that failed for good, and writes the response envelope; or throws the FirehoseError the
 * transport turns into a Lambda error or an HTTP status.
 */
export const errors = (options: ErrorsOptions = {}): FirehoseMiddleware => {
  rejectUnknownOptions('errors()', options, ['logger', 'onThrow', 'now'])
  const baseLogger = asLogger(options.logger)
  const now = options.now ?? Date.now
  const onThrow = options.onThrow ?? 'retryable'

  const after = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    const message = state.decoded?.message
    if (message === undefined || !isDispatchResult(request.response)) return
    const logger = state.admitted?.logger ?? baseLogger.child({ messageId: message.id, type: message.type })
    const result = request.response
    for (const item of result.items) {
      if (item.kind === 'permanent') logger.error('item failed for good', { item: item.item, stage: item.stage, reason: item.reason })
      else if (item.kind === 'skipped') logger.info('item skipped', { item: item.item, stage: item.stage, reason: item.reason })
    }
    const verdict = fold(result.items)
    const answered = OUTCOMES[verdict.kind].answeredWithFlag
    if (verdict.kind === 'retryable') logger.warn('message will be retried', { reason: verdict.reason })
    if (verdict.kind === 'suspend') logger.error('subscription suspended', { reason: verdict.reason })
    if (verdict.kind === 'delivered' || (answered !== false && hasSuspendFlag(message.type))) {
      request.response = responseFor(message, now(), { suspend: answered !== false && answered.suspend, fields: result.fields })
      return
    }
    throw new FirehoseError(verdict.kind, verdict.reason ?? `${verdict.kind} failure`, { retryAfterMs: verdict.retryAfterMs, untyped: verdict.untyped })
  }

  const onError = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    const error = isFirehoseError(request.error) ? request.error : fromThrown(request.error, onThrow)
    request.error = error
    const message = state.decoded?.message
    const logger = state.admitted?.logger ?? baseLogger
    if (error.kind === 'suspend' && message !== undefined && hasSuspendFlag(message.type)) {
      logger.error('subscription suspended', { reason: error.message })
      request.response = responseFor(message, now(), { suspend: true })
      return
    }
    if (error.kind === 'decode') logger.warn('message could not be decoded', { reason: error.message, problems: (error.problems ?? []).slice(0, 50).map((p) => p.message) })
    else if (error.kind === 'unauthorized') logger.warn('request refused', { reason: error.message })
  }

  return { name: 'errors', after, onError }
}

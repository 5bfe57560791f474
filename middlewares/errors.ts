import type { MiddlewareObj } from '@middy/core'
import { FirehoseError, isFirehoseError } from '../src/errors.js'
import { createLogger, type Logger } from '../src/logger.js'
import { hasSuspendFlag, responseFor } from '../src/runtime/envelope.js'
import { fold, type DispatchResult } from '../src/runtime/outcome.js'
import { asPipeline } from '../src/runtime/pipeline-state.js'
import { fromThrown, type OnThrow } from '../src/runtime/results.js'
import { stateOf } from '../src/runtime/state.js'

export interface ErrorsOptions {
  readonly logger?: Logger
  /** What a thrown value that is not a FirehoseError counts as (default `retryable`). */
  readonly onThrow?: OnThrow
  readonly now?: () => number
}

const isDispatchResult = (value: unknown): value is DispatchResult =>
  value !== null && typeof value === 'object' && Array.isArray((value as DispatchResult).items)

/**
 * Folds the per-item outcomes into one (retryable over suspend over permanent over delivered),
 * logs every item that failed for good, and writes the response envelope; or throws the
 * FirehoseError the transport turns into a Lambda error or an HTTP status.
 */
export const errors = (options: ErrorsOptions = {}): MiddlewareObj => {
  const baseLogger = options.logger ?? createLogger()
  const now = options.now ?? Date.now
  const onThrow = options.onThrow ?? 'retryable'
  return {
    name: 'errors',
    after: (request) => {
      const state = asPipeline(stateOf(request))
      const message = state.message
      if (message === undefined || !isDispatchResult(request.response)) return
      const logger = state.logger ?? baseLogger.child({ messageId: message.id, type: message.type })
      const result = request.response
      for (const item of result.items) {
        if (item.kind === 'permanent') logger.error('item failed for good', { item: item.item, stage: item.stage, reason: item.reason })
        else if (item.kind === 'skipped') logger.info('item skipped', { item: item.item, stage: item.stage, reason: item.reason })
      }
      const folded = fold(result.items)
      const withFlag = hasSuspendFlag(message.type)
      switch (folded.kind) {
        case 'retryable':
          logger.warn('message will be retried', { reason: folded.reason })
          throw new FirehoseError('retryable', folded.reason ?? 'retryable failure', { retryAfterMs: folded.retryAfterMs, untyped: folded.untyped })
        case 'suspend':
          logger.error('subscription suspended', { reason: folded.reason })
          if (!withFlag) throw new FirehoseError('suspend', folded.reason ?? 'configuration error', { untyped: folded.untyped })
          request.response = responseFor(message, now(), { suspend: true, fields: result.fields })
          return
        case 'permanent':
          if (!withFlag) throw new FirehoseError('permanent', folded.reason ?? 'permanent failure', { untyped: folded.untyped })
          request.response = responseFor(message, now(), { fields: result.fields })
          return
        case 'delivered':
          request.response = responseFor(message, now(), { fields: result.fields })
      }
    },
    onError: (request) => {
      const state = asPipeline(stateOf(request))
      const error = isFirehoseError(request.error) ? request.error : fromThrown(request.error, onThrow)
      request.error = error
      const message = state.message
      const logger = state.logger ?? baseLogger
      if (error.kind === 'suspend' && message !== undefined && hasSuspendFlag(message.type)) {
        logger.error('subscription suspended', { reason: error.message })
        request.response = responseFor(message, now(), { suspend: true })
        return
      }
      if (error.kind === 'decode') logger.warn('message could not be decoded', { reason: error.message, problems: (error.problems ?? []).slice(0, 50).map((p) => p.message) })
      else if (error.kind === 'unauthorized') logger.warn('request refused', { reason: error.message })
    },
  }
}

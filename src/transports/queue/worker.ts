import { parseMessageText } from '../../schema/exact.js'
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import { isFirehoseError } from '../../errors.js'
import { createLogger } from '../../logger.js'
import type { FirehoseDefinition } from '../../runtime/definition.js'
import { firehose, type FirehoseOptions } from '../../runtime/firehose.js'
import type { RegistrationDeclaration } from '../../runtime/registration.js'
import { ORIGINAL_ID_ATTRIBUTE } from './enqueue.js'

export interface QueueWorkerOptions extends Omit<FirehoseOptions, 'forward'> {
  /** How many records of one SQS event run at once (default 1: one after the other). */
  readonly concurrency?: number
}

/** What became of one record: only `retryable` goes back to SQS. */
export type RecordOutcome = 'delivered' | 'permanent' | 'suspend' | 'retryable'

export type QueueWorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>

const mapLimited = async <T, R>(items: ReadonlyArray<T>, limit: number, run: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await run(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(Math.floor(limit), items.length)) }, lane))
  return results
}

/**
 * Queue mode's worker: an SQS-triggered Lambda handler that runs every record of the event through
 * the same definition as a direct invocation, and answers `batchItemFailures` listing exactly the
 * records whose outcome was retryable, so SQS redelivers only those (and, after the queue's
 * `maxReceiveCount`, moves them to the dead-letter queue). Records that failed for good (undecodable,
 * permanent) are logged with their SQS message id and not reported, so they don't loop; suspend
 * answers are logged. The event source mapping needs `ReportBatchItemFailures`.
 */
export function queueWorker<const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>, options: QueueWorkerOptions = {}): QueueWorkerHandler {
  const { concurrency, ...firehoseOptions } = options
  const logger = options.logger ?? createLogger()
  const handler = firehose(definition, { ...firehoseOptions, logger, forward: undefined })

  const runRecord = async (record: SQSRecord, context: Context | undefined): Promise<RecordOutcome> => {
    const originalId = record.messageAttributes?.[ORIGINAL_ID_ATTRIBUTE]?.stringValue
    const log = logger.child({
      sqsMessageId: record.messageId,
      receiveCount: record.attributes?.ApproximateReceiveCount,
      ...(originalId !== undefined ? { originalMessageId: originalId } : {}),
    })
    let message: unknown
    try {
      message = parseMessageText(record.body)
    } catch {
      log.error('queued record failed for good', { reason: 'body is not JSON' })
      return 'permanent'
    }
    // The runtime keeps one message's state on the context object: each record gets its own,
    // inheriting the invocation's deadline (getRemainingTimeInMillis) and ids.
    const recordContext = Object.create((context ?? {}) as object) as Context
    try {
      const response = (await handler(message, recordContext)) as { suspend_subscription?: unknown } | undefined
      if (response?.suspend_subscription === true) {
        log.error('queued record answered suspend_subscription')
        return 'suspend'
      }
      return 'delivered'
    } catch (error) {
      if (!isFirehoseError(error) || error.kind === 'retryable') {
        log.warn('queued record will be retried', { reason: isFirehoseError(error) ? error.message : 'handler rejected' })
        return 'retryable'
      }
      log.error('queued record failed for good', { kind: error.kind, reason: error.message })
      return error.kind === 'suspend' ? 'suspend' : 'permanent'
    }
  }

  return async (event, context) => {
    const records = Array.isArray(event?.Records) ? event.Records : []
    const outcomes = await mapLimited(records, concurrency ?? 1, (record) => runRecord(record, context))
    return { batchItemFailures: records.filter((_, index) => outcomes[index] === 'retryable').map((record) => ({ itemIdentifier: record.messageId })) }
  }
}

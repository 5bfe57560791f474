import { parseMessageText } from '../schema/exact.js'
import type { LambdaContext as Context, SqsBatchResponse as SQSBatchResponse, SqsEvent as SQSEvent, SqsRecord as SQSRecord } from '../core/lambda.js'
import { markWorkerContext } from '../core/transport-budget.js'
import type { Outcome } from '../core/outcome.js'
import { mapPool } from '../core/pool.js'
import { isHttpAnswer } from '../core/server-event.js'
import type { FirehoseDefinition, LooseDefinition } from '../definition/definition.js'
import type { RegistrationDeclaration } from '../definition/registration.js'
import { isFirehoseError } from '../errors.js'
import { checkFirehoseOptions, composePipeline, type FirehoseOptions } from '../firehose.js'
import { asLogger } from '../logger.js'
import { ORIGINAL_ID_ATTRIBUTE } from './enqueue.js'

/** A Firehose response envelope: an object whose `type` names a response. Nothing else counts as delivered. */
const isFirehoseResponse = (value: unknown): value is { type: string; suspend_subscription?: unknown } =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { type?: unknown }).type === 'string' &&
  (value as { type: string }).type.endsWith('_response')

/** What a record was answered with, without any of its content: an HTTP status, or the kind of value. */
const describeAnswer = (value: unknown): string => (isHttpAnswer(value) ? `HTTP ${value.statusCode}` : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/** `firehose()`'s options, plus how many records of an SQS event run at once. */
export interface QueueWorkerOptions extends FirehoseOptions {
  /** How many records of one SQS event run at once. @default 1: one after the other */
  readonly concurrency?: number
}

/** The worker's Lambda handler: an SQS event in, the records to redeliver out. */
export type QueueWorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>

/**
 * Queue mode's worker: an SQS-triggered Lambda handler that runs every record of the event through
 * the same pipeline as a direct invocation, and answers `batchItemFailures` listing exactly the
 * records whose outcome was retryable (and any record answered with something that is not a
 * Firehose response, such as an HTTP answer, logged), so SQS redelivers only those (and, after the queue's
 * `maxReceiveCount`, moves them to the dead-letter queue). Records that failed for good (undecodable,
 * permanent) are logged with their SQS message id and not reported, so they don't loop; suspend
 * answers are logged. The event source mapping needs `ReportBatchItemFailures`.
 */
export function queueWorker<const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>, options: QueueWorkerOptions = {}): QueueWorkerHandler {
  checkFirehoseOptions('queueWorker()', options, ['concurrency'])
  const { concurrency, ...firehoseOptions } = options
  const logger = asLogger(options.logger)
  const handler = composePipeline(definition as unknown as LooseDefinition, { ...firehoseOptions, logger })

  const runRecord = async (record: SQSRecord, context: Context | undefined): Promise<Outcome> => {
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
    try {
      // The pipeline's state lives on each invocation's request: records share the Lambda context as they share its deadline.
      const response = (await handler(message, markWorkerContext(context ?? ({} as Context)))) as unknown
      if (!isFirehoseResponse(response)) {
        // An HTTP answer (the record was read as an HTTP event) or anything else is not a delivery: never delete the record for it.
        log.error('queued record answered with something that is not a Firehose response', { answered: describeAnswer(response) })
        return 'retryable'
      }
      if (response.suspend_subscription === true) {
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
    const outcomes = await mapPool(records, concurrency ?? 1, (record) => runRecord(record, context))
    return { batchItemFailures: records.filter((_, index) => outcomes[index] === 'retryable').map((record) => ({ itemIdentifier: record.messageId })) }
  }
}

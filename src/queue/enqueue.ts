import type { MessageAttributeValue, SQSClient, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs'
import { FirehoseError, retryable } from '../errors.js'
import { SQS_MESSAGE_LIMIT, type QueuedMessage } from './split.js'
import { sqsSdk } from './sqs-sdk.js'
import { pack } from '../core/pack.js'
import { settlePool } from '../core/pool.js'

/** SQS takes at most this many entries in one SendMessageBatch call. */
export const MAX_BATCH_ENTRIES = 10

/** SQS message attribute holding the Firehose message's id. */
export const ORIGINAL_ID_ATTRIBUTE = 'firehose-original-id'
/** SQS message attribute holding a split message's chunk, as `index/count`. */
export const CHUNK_ATTRIBUTE = 'firehose-chunk'

export interface EnqueueOptions {
  readonly sqs: SQSClient
  readonly queueUrl: string
  /** SQS's limit on the sum of the messages in one SendMessageBatch call (default 256 KiB). */
  readonly maxBatchBytes?: number
  /** How many SQS calls run at once for one Firehose message (default 4). */
  readonly concurrency?: number
  /** FIFO queues (URL ending in `.fifo`) only: the message group (default `firehose`). */
  readonly messageGroupId?: string
  readonly signal?: AbortSignal
}

const attributesOf = (message: QueuedMessage): Record<string, MessageAttributeValue> => ({
  [ORIGINAL_ID_ATTRIBUTE]: { DataType: 'String', StringValue: message.originalId },
  ...(message.chunk !== undefined ? { [CHUNK_ATTRIBUTE]: { DataType: 'String', StringValue: `${message.chunk.index + 1}/${message.chunk.count}` } } : {}),
})

/** What SQS counts towards its size limits: the body plus each attribute's name, type and value. */
const sizeOf = (message: QueuedMessage): number =>
  message.bytes +
  Object.entries(attributesOf(message)).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? ''),
    0,
  )

/** Consecutive groups of at most 10 messages whose sizes add up to at most `maxBytes`. */
export const batchesOf = (messages: ReadonlyArray<QueuedMessage>, maxBytes: number): QueuedMessage[][] => pack(messages, MAX_BATCH_ENTRIES, maxBytes, sizeOf)

const describeError = (error: unknown): string => {
  const name = (error as { name?: unknown })?.name
  const status = (error as { $metadata?: { httpStatusCode?: unknown } })?.$metadata?.httpStatusCode
  return `${typeof name === 'string' ? name : 'error'}${typeof status === 'number' ? `, HTTP ${status}` : ''}`
}

/**
 * Sends `messages` to the queue and resolves only once SQS accepted every one of them. Any refusal
 * (an SQS error, a `Failed` entry of a batch) rejects with a retryable FirehoseError, after every
 * call has settled: the Firehose message is then delivered again and its chunks re-sent, including
 * those SQS had already accepted; the worker's checkpoints (keyed by event id) skip what was done.
 */
export const enqueue = async (messages: ReadonlyArray<QueuedMessage>, options: EnqueueOptions): Promise<void> => {
  if (messages.length === 0) return
  const { SendMessageCommand, SendMessageBatchCommand } = await sqsSdk()
  const fifo = options.queueUrl.endsWith('.fifo')
  const fifoFields = (message: QueuedMessage) => (fifo ? { MessageGroupId: options.messageGroupId ?? 'firehose', MessageDeduplicationId: message.id } : {})
  const sendOptions = options.signal !== undefined ? { abortSignal: options.signal } : {}

  const sendOne = async (message: QueuedMessage): Promise<void> => {
    await options.sqs.send(
      new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: message.body, MessageAttributes: attributesOf(message), ...fifoFields(message) }),
      sendOptions,
    )
  }
  const sendBatch = async (batch: ReadonlyArray<QueuedMessage>): Promise<void> => {
    const entries: SendMessageBatchRequestEntry[] = batch.map((message, index) => ({
      Id: `chunk-${index}`,
      MessageBody: message.body,
      MessageAttributes: attributesOf(message),
      ...fifoFields(message),
    }))
    const output = await options.sqs.send(new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }), sendOptions)
    const failed = output.Failed ?? []
    const accepted = new Set((output.Successful ?? []).map((entry) => entry.Id))
    const missing = entries.filter((entry) => !accepted.has(entry.Id)).length
    if (failed.length > 0 || missing > 0) {
      const codes = [...new Set(failed.map((entry) => entry.Code ?? 'unknown'))].join(', ')
      throw new FirehoseError('retryable', `SQS refused ${Math.max(failed.length, missing)} of ${entries.length} batch entries (${codes || 'no answer'})`)
    }
  }

  const batches = batchesOf(messages, options.maxBatchBytes ?? SQS_MESSAGE_LIMIT)
  const results = await settlePool(batches, options.concurrency ?? 4, (batch) => (batch.length === 1 ? sendOne(batch[0]!) : sendBatch(batch)))
  const refusals = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as unknown)
  if (refusals.length === 0) return
  const first = refusals[0]
  const reason = first instanceof FirehoseError ? first.message : `SQS refused the message (${describeError(first)})`
  throw retryable(refusals.length > 1 ? `${reason}; ${refusals.length} of ${batches.length} SQS calls failed` : reason)
}

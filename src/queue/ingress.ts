import type { SQSClient } from '@aws-sdk/client-sqs'
import * as E from 'fp-ts/lib/Either.js'
import type { DispatchResult } from '../core/outcome.js'
import type { FirehoseDefinition, LooseDefinition } from '../definition/definition.js'
import type { RegistrationDeclaration } from '../definition/registration.js'
import { DISPATCHERS, type Dispatchers, type Job } from '../dispatch/index.js'
import { runItem } from '../dispatch/run-item.js'
import { permanent } from '../errors.js'
import { checkFirehoseOptions, composePipeline, type FirehoseHandler, type FirehoseOptions } from '../firehose.js'
import type { Message } from '../schema/index.js'
import { enqueue } from './enqueue.js'
import { DEFAULT_MAX_MESSAGE_BYTES, splitMessage } from './split.js'

/** `firehose()`'s options, plus the queue to send to and how messages are split and sent. */
export interface QueueIngressOptions extends FirehoseOptions {
  readonly queueUrl: string
  /** The client to send with (region, credentials, endpoint are the caller's). */
  readonly sqs: SQSClient
  /**
   * Largest message body sent. Larger messages are split into chunks of events or profiles that each fit.
   * @default 256 KiB minus 1 KiB kept for the attributes
   */
  readonly maxMessageBytes?: number
  /** Largest sum of bodies in one SendMessageBatch call. @default 256 KiB, SQS's limit */
  readonly maxBatchBytes?: number
  /** SQS calls in flight at once for one split message. @default 4 */
  readonly sendConcurrency?: number
  /** FIFO queues only: the message group of a message. @default its account id */
  readonly messageGroupId?: (message: Message) => string
}

const accountGroup = (message: Message): string => ('account' in message && message.account ? String(message.account.account_id) : 'firehose')

/** At most this many ids go into the failure's reason; every one is logged on its own line. */
const IDS_IN_REASON = 5

/**
 * Queue mode's front function. Authenticates, decodes and checks settings like `firehose()` (a
 * configuration error still answers `suspend_subscription`), answers registration, audience
 * subscription and DSR requests with the definition's own handlers, and sends event batches and
 * membership changes to SQS as their wire JSON, acknowledging only once SQS accepted them (an SQS
 * error is retryable). A message over `maxMessageBytes` is split into chunks of events or profiles.
 * An event or profile too large for a message on its own cannot be carried: it is logged with its
 * id (`item too large for the queue`), the rest is enqueued, and the message ends as a permanent
 * failure (acknowledged, since no retry would ever fit it).
 */
export function queueIngress<const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>, options: QueueIngressOptions): FirehoseHandler {
  checkFirehoseOptions('queueIngress()', options, ['queueUrl', 'sqs', 'maxMessageBytes', 'maxBatchBytes', 'sendConcurrency', 'messageGroupId'])
  const { queueUrl, sqs, maxMessageBytes, maxBatchBytes, sendConcurrency, messageGroupId, ...firehoseOptions } = options
  const limit = maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES

  const send = async (message: Message, job: Job): Promise<void> => {
    const log = job.admitted.logger
    const raw = job.raw
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw permanent('the message is not a JSON object')
    const split = splitMessage(raw as Record<string, unknown>, limit)
    await enqueue(split.messages, {
      sqs,
      queueUrl,
      maxBatchBytes,
      concurrency: sendConcurrency,
      messageGroupId: (messageGroupId ?? accountGroup)(message),
      signal: job.signal,
    })
    if (split.messages.length > 1) {
      log.info('message split for the queue', { chunks: split.messages.length, bytes: split.messages.reduce((sum, m) => sum + m.bytes, 0) })
    }
    if (split.oversize.length > 0) {
      for (const item of split.oversize) log.error('item too large for the queue', { item, maxMessageBytes: limit })
      const listed = split.oversize.slice(0, IDS_IN_REASON).join(', ')
      const more = split.oversize.length > IDS_IN_REASON ? ` and ${split.oversize.length - IDS_IN_REASON} more` : ''
      throw permanent(`${split.oversize.length} item(s) too large for one SQS message of ${limit} bytes: ${listed}${more}`)
    }
  }

  /** Event batches and membership changes go to the queue whole; the worker runs their handlers. */
  const toQueue = async (message: Message, job: Job): Promise<DispatchResult> => {
    const { outcome } = await runItem(
      job,
      message.id,
      'enqueue',
      async () => {
        await send(message, job)
        return E.right(undefined)
      },
      false,
    )
    return { items: [...job.admitted.screened, outcome] }
  }

  const dispatchers: Dispatchers = { ...DISPATCHERS, event_processing_request: toQueue, audience_membership_change_request: toQueue }
  return composePipeline(definition as unknown as LooseDefinition, firehoseOptions, dispatchers)
}

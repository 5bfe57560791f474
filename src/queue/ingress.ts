import type { SQSClient } from '@aws-sdk/client-sqs'
import * as E from 'fp-ts/lib/Either.js'
import { BOUNDS } from '../core/bounds.js'
import type { DispatchResult } from '../core/outcome.js'
import type { FirehoseDefinition, LooseDefinition } from '../definition/definition.js'
import type { RegistrationDeclaration } from '../definition/registration.js'
import { DISPATCHERS, type Dispatchers, type Job } from '../dispatch/index.js'
import { runItem } from '../dispatch/run-item.js'
import { permanent } from '../errors.js'
import { checkFirehoseOptions, composePipeline, type FirehoseHandler, type FirehoseOptions } from '../firehose.js'
import type { Logger } from '../logger.js'
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

/** At most this many ids go into the failure's reason; the log lists more (see `logLeftOut`). */
const IDS_IN_REASON = 5

/**
 * Logs items left out of the queue (one line each up to `BOUNDS.loggedItems`, then one summary line
 * with the count and the first ids) and describes them for the failure's reason.
 */
const logLeftOut = (log: Logger, items: ReadonlyArray<string>, one: string, many: string, fields: Record<string, unknown>): string[] => {
  if (items.length === 0) return []
  if (items.length <= BOUNDS.loggedItems) for (const item of items) log.error(one, { item, ...fields })
  else log.error(many, { count: items.length, items: items.slice(0, BOUNDS.loggedItems), more: items.length - BOUNDS.loggedItems, ...fields })
  const listed = items.slice(0, IDS_IN_REASON).join(', ')
  const more = items.length > IDS_IN_REASON ? ` and ${items.length - IDS_IN_REASON} more` : ''
  return [`${items.length} item(s) (${listed}${more})`]
}

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
    const failures = [
      ...logLeftOut(log, split.oversize, 'item too large for the queue', 'items too large for the queue', { maxMessageBytes: limit }).map(
        (what) => `${what} too large for one SQS message of ${limit} bytes`,
      ),
      ...logLeftOut(log, split.unserialisable, 'item cannot be serialised for the queue', 'items cannot be serialised for the queue', {
        reason: 'nested too deeply for JSON.stringify',
      }).map((what) => `${what} nested too deeply to serialise`),
    ]
    if (failures.length > 0) throw permanent(failures.join('; '))
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

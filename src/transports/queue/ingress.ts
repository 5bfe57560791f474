import type { SQSClient } from '@aws-sdk/client-sqs'
import { permanent } from '../../errors.js'
import { createLogger, type Logger } from '../../logger.js'
import type { Message } from '../../schema/index.js'
import type { FirehoseDefinition } from '../../runtime/definition.js'
import { firehose, type FirehoseHandler, type FirehoseOptions } from '../../runtime/firehose.js'
import type { RegistrationDeclaration } from '../../runtime/registration.js'
import { enqueue } from './enqueue.js'
import { DEFAULT_MAX_MESSAGE_BYTES, splitMessage } from './split.js'

export interface QueueIngressOptions extends Omit<FirehoseOptions, 'forward'> {
  readonly queueUrl: string
  /** The client to send with (region, credentials, endpoint are the caller's). */
  readonly sqs: SQSClient
  /**
   * Largest message body sent (default 256 KiB minus 1 KiB kept for the attributes). Larger
   * messages are split into chunks of events or profiles that each fit.
   */
  readonly maxMessageBytes?: number
  /** Largest sum of bodies in one SendMessageBatch call (default 256 KiB, SQS's limit). */
  readonly maxBatchBytes?: number
  /** SQS calls in flight at once for one split message (default 4). */
  readonly sendConcurrency?: number
  /** FIFO queues only: the message group of a message (default: its account id). */
  readonly messageGroupId?: (message: Message) => string
}

const loggerIn = (ctx: Readonly<Record<string, unknown>>, fallback: Logger): Logger => {
  const candidate = ctx.logger as Logger | undefined
  return candidate !== undefined && typeof candidate.error === 'function' ? candidate : fallback
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
  const { queueUrl, sqs, maxMessageBytes, maxBatchBytes, sendConcurrency, messageGroupId, ...firehoseOptions } = options
  const logger = options.logger ?? createLogger()
  const limit = maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES

  const forward = async (message: Message, raw: unknown, ctx: Record<string, unknown>): Promise<void> => {
    const log = loggerIn(ctx, logger)
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw permanent('the message is not a JSON object')
    const split = splitMessage(raw as Record<string, unknown>, limit)
    await enqueue(split.messages, {
      sqs,
      queueUrl,
      maxBatchBytes,
      concurrency: sendConcurrency,
      messageGroupId: (messageGroupId ?? accountGroup)(message),
      signal: ctx.signal instanceof AbortSignal ? ctx.signal : undefined,
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

  return firehose(definition, { ...firehoseOptions, logger, forward })
}

import middy, { type MiddyfiedHandler } from '@middy/core'
import type { Context } from 'aws-lambda'
import { auth, type AuthOptions } from '../../middlewares/auth.js'
import { batch, type BatchOptions } from '../../middlewares/batch.js'
import { decode } from '../../middlewares/decode.js'
import { errors } from '../../middlewares/errors.js'
import { httpEvent } from '../../middlewares/http-event.js'
import { validate } from '../../middlewares/validate.js'
import { validateResponses } from '../../middlewares/validate-responses.js'
import { createHttpClient, type CheckpointStore, type HttpClient } from '../delivery/index.js'
import { createLogger, type Logger } from '../logger.js'
import type { Message } from '../schema/index.js'
import { tokensFromEnv } from '../transports/tokens.js'
import { checkDefinition } from './declaration.js'
import type { FirehoseDefinition, LooseDefinition } from './definition.js'
import { createDispatcher } from './dispatch.js'
import type { RegistrationDeclaration } from './registration.js'
import type { OnThrow } from './results.js'

export interface FirehoseOptions {
  /**
   * Who may deliver over HTTP: `tokens` (several, for rotation) or a `verify` function; `false`
   * turns the check off (local development only). Absent: tokens from `FIREHOSE_TOKENS`, and when
   * that is empty too every HTTP delivery but registration is refused.
   */
  readonly auth?: AuthOptions | false
  /** Per-event checkpoints: events already delivered are not sent again (off when absent). */
  readonly checkpoints?: CheckpointStore
  /** What a thrown value that is not a FirehoseError counts as (default `retryable`). */
  readonly onThrow?: OnThrow
  readonly batch?: BatchOptions
  readonly logger?: Logger
  /** Development: check every response against the protocol's JSON Schema (loads @middy/validator). */
  readonly validateResponses?: boolean
  /** HTTP status for retryable outcomes (default 429, the one status every mParticle doc retries). */
  readonly retryStatus?: number
  /** The partner-API client handlers get as `ctx.http` (default: `createHttpClient()`). */
  readonly http?: HttpClient
  /** Largest HTTP body accepted (default 6 MB, Lambda's own limit). */
  readonly maxBodyBytes?: number
  /** Decode mode: `lenient` (default) or `strict`. */
  readonly mode?: 'lenient' | 'strict'
  /** Most time one message may take, on top of the Lambda deadline (ms). */
  readonly budgetMs?: number
  /** How long before the Lambda deadline `ctx.signal` fires (default 250 ms). */
  readonly deadlineMarginMs?: number
  /** How long a checkpoint claim holds before another delivery may take over (default: the time left before the Lambda deadline plus 10 s, at most 15 min). */
  readonly checkpointLeaseMs?: number
  /** The clock, for tests. */
  readonly now?: () => number
  /** Queue mode: where event batches and membership changes go instead of the handlers. */
  readonly forward?: (message: Message, raw: unknown, ctx: Record<string, unknown>) => Promise<void>
}

export type FirehoseHandler = MiddyfiedHandler<unknown, unknown, Error, Context>

/**
 * Composes a Firehose integration from pure functions registered per message type.
 * The result is a middy handler for Lambda (direct, API Gateway or function URL) and `serve()`.
 */
export function firehose<const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>, options: FirehoseOptions = {}): FirehoseHandler {
  const loose = definition as unknown as LooseDefinition
  checkDefinition(loose)
  const authOptions = options.auth === undefined ? { tokens: tokensFromEnv() } : options.auth
  // mParticle's tokens are secrets too: no log line may carry one.
  const logger = (options.logger ?? createLogger()).child({}, authOptions === false ? [] : (authOptions.tokens ?? []))
  const now = options.now ?? Date.now
  const dispatcher = createDispatcher(loose, {
    http: options.http ?? createHttpClient({ logger }),
    logger,
    checkpoints: options.checkpoints,
    checkpointLeaseMs: options.checkpointLeaseMs,
    onThrow: options.onThrow,
    now,
    budgetMs: options.budgetMs,
    deadlineMarginMs: options.deadlineMarginMs,
    forward: options.forward,
  })
  const handler = middy(dispatcher as (event: unknown, context: Context) => Promise<unknown>, { timeoutEarlyInMillis: 0 })
    .use(httpEvent({ maxBodyBytes: options.maxBodyBytes, retryStatus: options.retryStatus, logger }))
  // validateResponses sits between errors and the transport, so it sees the response envelope.
  if (options.validateResponses) handler.use(validateResponses())
  handler.use(errors({ logger, onThrow: options.onThrow, now }))
  if (authOptions !== false) handler.use(auth(authOptions))
  return handler
    .use(decode({ mode: options.mode, logger }))
    .use(validate({ registration: loose.registration, logger, now }))
    .use(batch(options.batch)) as unknown as FirehoseHandler
}

import type { FirehoseHandler } from './core/handler.js'
import { auth, type AuthOptions } from '../middlewares/auth.js'
import { batch, type BatchOptions } from '../middlewares/batch.js'
import { decode } from '../middlewares/decode.js'
import { errors } from '../middlewares/errors.js'
import { httpEvent } from '../middlewares/http-event.js'
import { pipeline } from '../middlewares/pipeline.js'
import { validate } from '../middlewares/validate.js'
import { validateResponses } from '../middlewares/validate-responses.js'
import { optionKeys, rejectUnknownOptions } from './core/options.js'
import type { OnThrow } from './core/results.js'
import { tokensFromEnv } from './core/tokens.js'
import { createHttpClient, type CheckpointStore, type HttpClient } from './delivery/index.js'
import { checkDefinition } from './definition/declaration.js'
import type { FirehoseDefinition, LooseDefinition } from './definition/definition.js'
import type { RegistrationDeclaration } from './definition/registration.js'
import { createBaseHandler, DISPATCHERS, type Dispatchers } from './dispatch/index.js'
import { asLogger, type LoggerLike } from './logger.js'
import type { DecodeMode } from './schema/index.js'

export type { FirehoseHandler }

/** Time limits of one message. */
export interface DeadlineOptions {
  /** Most time one message may take, on top of the Lambda deadline (ms). @default none: the Lambda deadline alone */
  readonly budgetMs?: number
  /** How long before the deadline `ctx.signal` fires (ms). @default 250 */
  readonly marginMs?: number
  /** How long a checkpoint claim holds before another delivery may take over (ms). @default the time left before the Lambda deadline plus 10 s, at most 15 min */
  readonly checkpointLeaseMs?: number
}

/** How HTTP deliveries (API Gateway, function URLs, `serve()`) are read and answered. */
export interface TransportOptions {
  /** Largest HTTP body accepted, in bytes. @default 6 MB, Lambda's own limit */
  readonly maxBodyBytes?: number
  /** HTTP status of retryable outcomes. @default 429, the one status every mParticle doc retries */
  readonly retryStatus?: number
}

/** What `firehose()` is built with: auth, the HTTP client, checkpoints, the logger, decoding, deadlines. */
export interface FirehoseOptions {
  /**
   * Who may deliver over HTTP: `tokens` (several, for rotation) or a `verify` function; `false`
   * turns the check off (local development only).
   * @default tokens from `FIREHOSE_TOKENS`; when that is empty too, every HTTP delivery but registration is refused
   */
  readonly auth?: AuthOptions | false
  /** The partner-API client handlers get as `ctx.http`. @default createHttpClient() */
  readonly http?: HttpClient
  /** Per-event checkpoints: events already delivered are not sent again. @default none */
  readonly checkpoints?: CheckpointStore
  /** firehose-kit's own or any logger with debug/info/warn/error (Powertools' `Logger`, pino...). @default createLogger(): JSON lines on stdout */
  readonly logger?: LoggerLike
  /** `lenient` tolerates and reports what it can; `strict` enforces every required field. @default 'lenient' */
  readonly mode?: DecodeMode
  /** What a thrown value that is not a FirehoseError counts as. @default 'retryable' */
  readonly onThrow?: OnThrow
  /** How event batches are handed to `onEvents` and `on` handlers. */
  readonly batch?: BatchOptions
  readonly deadline?: DeadlineOptions
  readonly transport?: TransportOptions
  /** Development aid: check every response against the protocol's JSON Schema (loads @middy/validator). @default false */
  readonly validateResponses?: boolean
  /** Testing only: the clock (response timestamps, `maxDataAgeHours`, deadlines). @default Date.now */
  readonly clock?: () => number
  /**
   * Let personal data (identity values, email addresses and phone numbers found in the message) show
   * in failure reasons, HTTP answers and log lines. Off: they are masked like secrets. @default false
   */
  readonly logPersonalData?: boolean
}

const KNOWN_OPTIONS = optionKeys<FirehoseOptions>({
  auth: true,
  http: true,
  checkpoints: true,
  logger: true,
  mode: true,
  onThrow: true,
  batch: true,
  deadline: true,
  transport: true,
  validateResponses: true,
  clock: true,
  logPersonalData: true,
})

/** Checks a function's options: unknown keys at the top and in the groups are refused, with the known ones named. */
export const checkFirehoseOptions = (where: string, options: FirehoseOptions, extra: ReadonlyArray<string> = []): void => {
  rejectUnknownOptions(where, options, [...KNOWN_OPTIONS, ...extra])
  rejectUnknownOptions(`${where} deadline`, options.deadline, ['budgetMs', 'marginMs', 'checkpointLeaseMs'])
  rejectUnknownOptions(`${where} transport`, options.transport, ['maxBodyBytes', 'retryStatus'])
}

/**
 * The pipeline every entry point builds: the middlewares in their order around a base handler that
 * dispatches the message by type. `firehose()` uses the standard dispatchers; queue mode's ingress
 * replaces two of them.
 */
export const composePipeline = (definition: LooseDefinition, options: FirehoseOptions, dispatchers: Dispatchers = DISPATCHERS): FirehoseHandler => {
  checkDefinition(definition)
  const authOptions = options.auth === undefined ? { tokens: tokensFromEnv() } : options.auth
  // mParticle's tokens are secrets too: no log line may carry one.
  const logger = asLogger(options.logger).child({}, authOptions === false ? [] : (authOptions.tokens ?? []))
  const now = options.clock ?? Date.now
  const onThrow = options.onThrow ?? 'retryable'
  const base = createBaseHandler(
    {
      definition,
      http: options.http ?? createHttpClient({ logger }),
      checkpoints: options.checkpoints,
      leaseMs: options.deadline?.checkpointLeaseMs,
      onThrow,
      now,
      budgetMs: options.deadline?.budgetMs,
      marginMs: options.deadline?.marginMs,
      logPersonalData: options.logPersonalData === true,
    },
    dispatchers,
  )
  const handler = pipeline(base).use(httpEvent({ maxBodyBytes: options.transport?.maxBodyBytes, retryStatus: options.transport?.retryStatus, logger }))
  // validateResponses sits between errors and the transport, so it sees the response envelope.
  if (options.validateResponses) handler.use(validateResponses())
  handler.use(errors({ logger, onThrow, now, logPersonalData: options.logPersonalData === true }))
  if (authOptions !== false) handler.use(auth(authOptions))
  return handler
    .use(decode({ mode: options.mode, logger }))
    .use(validate({ registration: definition.registration, logger, now }))
    .use(batch(options.batch)) as unknown as FirehoseHandler
}

/**
 * Composes a Firehose integration from pure functions registered per message type.
 * The result is a middy handler for Lambda (direct, API Gateway or function URL) and `serve()`.
 */
export function firehose<const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>, options: FirehoseOptions = {}): FirehoseHandler {
  checkFirehoseOptions('firehose()', options)
  return composePipeline(definition as unknown as LooseDefinition, options)
}

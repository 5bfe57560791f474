import type { Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from '../logger.js'
import type { BackoffOptions } from './backoff.js'
import type { PartnerCallError } from './call-error.js'
import type { Classifier } from './classify.js'

export type QueryValue = string | number | boolean | undefined

export interface HttpRequest {
  /** Defaults to POST when there is a body (`json` or `body`), GET otherwise. */
  readonly method?: string
  /** Absolute, or relative to the client's `baseUrl` (joined with exactly one `/`). */
  readonly url: string
  /** Appended to the URL; `undefined` values are left out. Never shown in reasons or logs. */
  readonly query?: Readonly<Record<string, QueryValue>>
  /** Merged over the client's default headers. Never shown in reasons or logs. */
  readonly headers?: Readonly<Record<string, string>>
  /** Sent as JSON, with `content-type: application/json` unless a header says otherwise. */
  readonly json?: unknown
  readonly body?: string
  /** Per-attempt timeout for this call, still cut short by the call's budget. */
  readonly timeoutMs?: number
}

export interface HttpResponse {
  readonly status: number
  /** Names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  /** The body parsed as JSON; `undefined` when it is empty or not JSON. */
  readonly json: unknown
}

export interface HttpClientOptions {
  /** Defaults to `globalThis.fetch` (undici, which keeps connections alive between calls). */
  readonly fetch?: typeof globalThis.fetch
  readonly baseUrl?: string
  /** Headers sent with every call (e.g. an API key); never shown in reasons or logs. */
  readonly headers?: Readonly<Record<string, string>>
  /** Retries after the first attempt for retryable outcomes; 0 turns retries off. Default 2. */
  readonly retries?: number
  /** Exponential backoff with full jitter between attempts. Default { baseMs: 100, maxMs: 2000 }. */
  readonly backoff?: BackoffOptions
  /** Time for one call, retries and waits included. Default 10 000 ms. */
  readonly budgetMs?: number
  /** Time for one attempt. Default: whatever is left of the budget. */
  readonly timeoutMs?: number
  /** Kept free before the Lambda deadline, so the runtime can still answer. Default 250 ms. */
  readonly deadlineMarginMs?: number
  /** Replaces `classifyResponse` (e.g. a partner whose 500s are permanent, or whose 200s can fail). */
  readonly classify?: Classifier
  /** Values to mask wherever they might show (a path, a classifier's detail, a log line). */
  readonly secrets?: Iterable<string>
  /** Receives one line per failed attempt. Nothing is logged without one. */
  readonly logger?: Logger
  /** Follow redirects (fetch's default behaviour). Off by default: headers would follow to other hosts. */
  readonly followRedirects?: boolean
  /** Source of jitter, in [0, 1). For tests. */
  readonly random?: () => number
  /** Clock in epoch milliseconds, for tests. */
  readonly now?: () => number
  /**
   * The header the partner API reads an idempotency key from (e.g. `Idempotency-Key`). When set,
   * every call a handler makes through `ctx.http` carries a key derived from the account id, the
   * stage and the item (event id, notification, message id) and the call's position among that
   * item's calls: the same on every retry and every redelivery of the item, so a partner that
   * honours it applies each call once, even when the client saw a timeout after the partner had
   * accepted it. A header the call sets itself wins. Off by default.
   */
  readonly idempotencyHeader?: string
}

/** Per-invocation context the runtime binds to the client. */
export interface CallContext {
  /** Aborting it aborts calls in flight and waits between retries; they end retryable. */
  readonly signal?: AbortSignal
  /** Milliseconds left before the Lambda deadline (e.g. `context.getRemainingTimeInMillis`). */
  readonly remainingMs?: () => number
  readonly logger?: Logger
  readonly secrets?: Iterable<string>
  /**
   * What the item's calls are keyed by (the runtime passes `<account>/<stage>/<item>`); only used
   * with `idempotencyHeader`. Each `withContext` starts counting the item's calls from 0.
   */
  readonly idempotencyKey?: string
  /** The message's personal data, computed on first use: masked in reasons and log lines like secrets. */
  readonly personalData?: () => ReadonlyArray<string>
}

export interface HttpClient {
  /** A lazy call: nothing is sent until the task runs. */
  request(req: HttpRequest): TaskEither<PartnerCallError, HttpResponse>
  send(req: HttpRequest): Promise<Either<PartnerCallError, HttpResponse>>
  /** The same client bound to one invocation's deadline, abort signal, logger and secrets. */
  withContext(context: CallContext): HttpClient
  /** The header idempotency keys go in, when the client sends them (`createHttpClient({ idempotencyHeader })`). */
  readonly idempotencyHeader?: string
}

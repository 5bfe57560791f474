import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { DEFAULTS } from '../core/defaults.js'
import { nodeCrypto } from '../core/node-crypto.js'
import { asLogger, type Logger } from '../logger.js'
import { attempt, type AttemptResult } from './attempt.js'
import { backoffDelay } from './backoff.js'
import { PartnerCallError, type CallDetails } from './call-error.js'
import { classifyResponse, type ClassifiedOutcome, type Classifier, type PartnerAnswer } from './classify.js'
import type { CallContext, HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './http-types.js'
import type { NetworkError } from './network-error.js'
import { describeTarget, maskSecrets, secretList } from './redact.js'
import { parseRetryAfter } from './retry-after.js'
import { bodyOf, callSecrets, headersOf, methodOf, resolveUrl, trimBase, UNSERIALISABLE } from './request-parts.js'

/** Retries of a retryable partner call after the first attempt. */
export const DEFAULT_RETRIES = DEFAULTS.partnerRetries
/** A partner call's budget outside a handler (inside one, the transport's budget applies). */
export const DEFAULT_BUDGET_MS = DEFAULTS.partnerBudgetMs
/** Time kept free before the Lambda deadline so the runtime can still answer. */
export const DEFAULT_DEADLINE_MARGIN_MS = DEFAULTS.deadlineMarginMs
/** No attempt (the first or a retry) starts unless at least this much of the call's time is left. */
const MIN_ATTEMPT_MS = DEFAULTS.minCallMs

interface Bound {
  readonly idempotencyKey?: string
  readonly personalData?: () => ReadonlyArray<string>
  readonly signal?: AbortSignal
  readonly remainingMs?: () => number
  /** The transport's budget the runtime bound, used when the client was given none. */
  readonly budgetMs?: number
  readonly logger?: Logger
  /** Every form of every secret bound so far: expanded on first use (see `lazySecrets`). */
  readonly secrets: () => ReadonlyArray<string>
}

/**
 * A secret list expanded (`secretList`: every encoded form of every secret) on first use and kept.
 * Only a failure's reason or log line needs it, and expanding costs several µs per secret, which a
 * delivered call, or an item whose handler never calls out, should not pay (it was most of a cold
 * start's partner calls).
 */
const lazySecrets = (expanded: () => ReadonlyArray<string>, raw: Iterable<string> | undefined): (() => ReadonlyArray<string>) => {
  // The raw values are read now, as they are at the call (only their expansion waits).
  const values = raw === undefined ? undefined : [...raw]
  let list: ReadonlyArray<string> | undefined
  return () => (list ??= secretList(expanded(), values))
}

const normalise = (result: ReturnType<Classifier>): ClassifiedOutcome => (typeof result === 'string' ? { outcome: result } : result)

const describeNetworkError = (error: NetworkError, timeoutMs: number): string => {
  switch (error.kind) {
    case 'timeout':
      return `no answer within ${Math.round(timeoutMs)} ms`
    case 'reset':
      return 'connection reset'
    case 'refused':
      return 'connection refused'
    case 'dns':
      return 'host name not resolved'
    case 'aborted':
      return 'aborted: out of time'
    case 'other':
      return error.code === undefined ? 'network error' : `network error ${error.code}`
  }
}

const combineSignals = (a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined => (a === undefined ? b : b === undefined ? a : AbortSignal.any([a, b]))

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/**
 * An idempotency key: a UUID-shaped digest (RFC 9562 version 8) of the item's key and the call's
 * position among the item's calls. The item's key names no personal data, and a digest keeps the
 * header short and in the format most APIs accept.
 */
export const idempotencyKeyOf = (itemKey: string, position: number): string => {
  const hex = nodeCrypto().createHash('sha256').update(`${itemKey}#${position}`, 'utf8').digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * An HTTP client for partner APIs: every call bounded by a budget (and by the Lambda deadline once
 * bound with `withContext`), retried with backoff and jitter while its outcome is retryable, and
 * failing as a `PartnerCallError` whose reason names method, host and path only.
 */
export const createHttpClient = (options: HttpClientOptions = {}): HttpClient => {
  const retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES))
  const marginMs = options.deadlineMarginMs ?? DEFAULT_DEADLINE_MARGIN_MS
  const classify: Classifier = options.classify ?? classifyResponse
  const random = options.random ?? Math.random
  const redirect: 'follow' | 'manual' = options.followRedirects === true ? 'follow' : 'manual'
  const now = options.now ?? Date.now

  const idempotencyHeader = options.idempotencyHeader?.toLowerCase()
  const base = trimBase(options.baseUrl)

  const build = (bound: Bound): HttpClient => {
    /** Calls made through this binding so far: the position of each in its item's calls. */
    let made = 0

    // The client's own budget wins; else the transport's (bound by the runtime); else the default.
    const budgetMs = options.budgetMs ?? bound.budgetMs ?? DEFAULT_BUDGET_MS
    const callBudget = (): number => {
      const left = bound.remainingMs?.()
      return typeof left === 'number' && Number.isFinite(left) ? Math.min(budgetMs, left - marginMs) : Number.isFinite(budgetMs) ? budgetMs : DEFAULT_BUDGET_MS
    }

    const send = async (req: HttpRequest): Promise<E.Either<PartnerCallError, HttpResponse>> => {
      const started = now()
      const method = methodOf(req)
      const url = resolveUrl(req, base)
      if (url === undefined) {
        return E.left(new PartnerCallError('permanent', `${method} call not made: invalid URL`, { method, target: '(invalid URL)', attempts: 0 }))
      }
      const position = made++
      const baseHeaders = headersOf(options.headers, req)
      // The key is fixed before the first attempt: every retry of this call carries the same one.
      const headers =
        idempotencyHeader === undefined || bound.idempotencyKey === undefined || Object.keys(baseHeaders).some((name) => name.toLowerCase() === idempotencyHeader)
          ? baseHeaders
          : { ...baseHeaders, [idempotencyHeader]: idempotencyKeyOf(bound.idempotencyKey, position) }
      // What reasons and log lines mask, and the target they name: only a failure needs them. The
      // call's own values (its headers, its URL's query and userinfo) are read then too: the URL and
      // the header record are this call's own, made above, and nothing changes them afterwards.
      let callList: ReadonlyArray<string> | undefined
      const secrets = (): ReadonlyArray<string> => (callList ??= secretList(bound.secrets(), callSecrets(url, baseHeaders)))
      // Personal data (an email in a path) is looked for only once something failed.
      let masked: ReadonlyArray<string> | undefined
      const hidden = (): ReadonlyArray<string> => (masked ??= bound.personalData === undefined ? secrets() : secretList(secrets(), bound.personalData()))
      const call = { method, host: url.host, path: url.pathname }
      let described: string | undefined
      const target = (): string => (described ??= describeTarget(url, secrets()))
      const body = bodyOf(req)
      if (body === UNSERIALISABLE) {
        const bodySecrets = secretList(bound.secrets())
        const where = describeTarget(url, bodySecrets)
        return E.left(
          new PartnerCallError('permanent', maskSecrets(`${method} ${where} call not made: the JSON body cannot be serialised (nested too deeply)`, bodySecrets), {
            method,
            target: where,
            attempts: 0,
          }),
        )
      }
      const init: RequestInit = { method, headers, body, redirect }
      const fetchImpl = options.fetch ?? globalThis.fetch
      const deadline = started + callBudget()

      let logger: Logger | undefined
      const log = (fields: Record<string, unknown>): void => {
        const base = bound.logger ?? (options.logger === undefined ? undefined : asLogger(options.logger))
        if (base === undefined) return
        logger ??= base.child({}, hidden())
        logger.warn('partner call failed', { method, target: maskSecrets(target(), hidden()), ...fields })
      }
      const fail = (kind: 'retryable' | 'permanent' | 'suspend', what: string, details: Omit<CallDetails, 'method' | 'target'>, retryAfterMs?: number) =>
        new PartnerCallError(
          kind,
          maskSecrets(`${method} ${target()} ${what}`, hidden()),
          { method, target: maskSecrets(target(), hidden()), ...details },
          kind === 'retryable' ? retryAfterMs : undefined,
        )

      if (bound.signal?.aborted) return E.left(fail('retryable', 'not attempted: aborted', { attempts: 0, network: 'aborted' }))
      // A call that cannot finish in time must not start: the partner could accept it while the client reports a timeout.
      if (deadline - now() < MIN_ATTEMPT_MS) return E.left(fail('retryable', 'not attempted: no time left before the deadline', { attempts: 0 }))

      for (let attempts = 1; ; attempts++) {
        const timeoutMs = Math.min(req.timeoutMs ?? options.timeoutMs ?? Number.POSITIVE_INFINITY, deadline - now())
        const result: AttemptResult = await attempt({ fetch: fetchImpl, url, init, timeoutMs, ...(bound.signal ? { signal: bound.signal } : {}) })
        const after = attempts > 1 ? ` (attempt ${attempts})` : ''
        let error: PartnerCallError
        if ('response' in result) {
          const { response } = result
          const input: PartnerAnswer = { status: response.status, headers: response.headers, body: response.text, json: response.json }
          const { outcome, detail } = normalise(classify(input, call))
          if (outcome === 'delivered') return E.right(response)
          const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
          const details = { attempts, response: { status: response.status, headers: response.headers, json: response.json } }
          error = fail(outcome, `answered ${response.status}${detail ? ` (${detail})` : ''}${after}`, details, retryAfterMs)
        } else {
          // Running out of the invocation's time must leave the item for the next delivery, whatever a custom classifier says.
          const outcome = result.error.kind === 'aborted' ? 'retryable' : normalise(classify(result, call)).outcome
          const failure = outcome === 'delivered' ? 'retryable' : outcome
          error = fail(failure, `failed: ${describeNetworkError(result.error, timeoutMs)}${after}`, { attempts, network: result.error.kind })
        }

        const wait =
          error.kind !== 'retryable' || attempts > retries || bound.signal?.aborted ? undefined : (error.retryAfterMs ?? backoffDelay(attempts - 1, options.backoff, random))
        const willRetry = wait !== undefined && deadline - (now() + wait) >= MIN_ATTEMPT_MS
        log({
          attempt: attempts,
          outcome: error.kind,
          ...(error.details.response ? { status: error.details.response.status } : {}),
          ...(error.details.network ? { network: error.details.network } : {}),
          ...(willRetry ? { retryInMs: wait } : {}),
        })
        if (!willRetry) return E.left(error)
        if (!(await sleep(wait, bound.signal))) {
          return E.left(fail('retryable', `aborted: out of time${after}`, { attempts, network: 'aborted' }))
        }
      }
    }

    return {
      send,
      request:
        (req): TE.TaskEither<PartnerCallError, HttpResponse> =>
        () =>
          send(req),
      ...(options.idempotencyHeader !== undefined ? { idempotencyHeader: options.idempotencyHeader } : {}),
      withContext: (context: CallContext) =>
        build({
          idempotencyKey: context.idempotencyKey ?? bound.idempotencyKey,
          personalData: context.personalData ?? bound.personalData,
          signal: combineSignals(bound.signal, context.signal),
          remainingMs: context.remainingMs ?? bound.remainingMs,
          ...(context.budgetMs !== undefined || bound.budgetMs !== undefined ? { budgetMs: context.budgetMs ?? bound.budgetMs } : {}),
          logger: context.logger ?? bound.logger,
          secrets: lazySecrets(bound.secrets, context.secrets),
        }),
    }
  }

  const configured = secretList(options.secrets)
  return build({ secrets: () => configured, ...(options.logger ? { logger: asLogger(options.logger) } : {}) })
}

import * as E from 'fp-ts/lib/Either.js'
import { createHttpClient, type Classifier, type Outcome, type FirehoseError, type PartnerAnswer, type HttpClient, type HttpResponse } from 'firehose-kit'
import { isErrorResult } from 'firehose-kit/delivery'

export const ITERABLE_BASE_URL = 'https://api.iterable.com'
/** What the Java integration sent, so Iterable's own dashboards keep recognising the traffic. */
export const USER_AGENT = 'mparticle-lambda'
/** Java's OkHttp timeouts since the 2020 queue split; the Lambda deadline still cuts a call short. */
export const DEFAULT_TIMEOUT_MS = 60_000

export const PATHS = {
  track: '/api/events/track',
  trackPushOpen: '/api/events/trackPushOpen',
  trackPurchase: '/api/commerce/trackPurchase',
  updateUser: '/api/users/update',
  updateEmail: '/api/users/updateEmail',
  updateSubscriptions: '/api/users/updateSubscriptions',
  registerDeviceToken: '/api/users/registerDeviceToken',
  listSubscribe: '/api/lists/subscribe',
  listUnsubscribe: '/api/lists/unsubscribe',
} as const

/** Java's RETRIABLE_HTTP_STATUS_SET; every other failure (500 and 503 included) is permanent. */
const RETRYABLE_STATUSES = new Set([429, 502, 504])

/** List endpoints: only the HTTP status counts. Timeouts and network errors are retryable. */
export const classifyListResponse = (result: PartnerAnswer): Outcome => {
  if (isErrorResult(result)) return 'retryable'
  if (result.status >= 200 && result.status < 300) return 'delivered'
  return RETRYABLE_STATUSES.has(result.status) ? 'retryable' : 'permanent'
}

const bodyCode = (json: unknown): string | undefined => {
  const code = json !== null && typeof json === 'object' ? (json as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : undefined
}

/** Other endpoints: also a 2xx whose body `code` is not `Success` is a permanent failure. */
export const classifyApiResponse = (result: PartnerAnswer): ReturnType<Classifier> => {
  const byStatus = classifyListResponse(result)
  if (byStatus !== 'delivered' || isErrorResult(result)) return byStatus
  const code = bodyCode(result.json)
  if (code === 'Success') return 'delivered'
  // Iterable's error codes ("BadParams", "InvalidEmailAddressError") carry no personal data.
  return { outcome: 'permanent', detail: code === undefined ? 'body has no code' : `code ${code.slice(0, 60)}` }
}

export interface IterableClientOptions {
  readonly fetch?: typeof globalThis.fetch
  readonly timeoutMs?: number
}

/** Iterable's rules per endpoint: list endpoints answer by status only, the others by body `code` too. */
export const classifyIterable: Classifier = (result, call) => (call.path.startsWith('/api/lists/') ? classifyListResponse(result) : classifyApiResponse(result))

/**
 * The SDK's partner client configured with Iterable's rules: no retries inside the invocation
 * (the redelivery is the retry), 429/502/504 and timeouts retryable, everything else permanent.
 */
export const createIterableClient = (options: IterableClientOptions = {}): HttpClient => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  return createHttpClient({
    baseUrl: ITERABLE_BASE_URL,
    retries: 0,
    timeoutMs,
    budgetMs: timeoutMs,
    headers: { 'user-agent': USER_AGENT },
    classify: classifyIterable,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}

export type CallResult = E.Either<FirehoseError, HttpResponse>

/** One POST to Iterable, authenticated with the `Api-Key` header (Iterable's current practice). */
export const post = (http: HttpClient, apiKey: string, path: string, body: object): Promise<CallResult> =>
  http.send({ method: 'POST', url: path, headers: { 'Api-Key': apiKey }, json: body })

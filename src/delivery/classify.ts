import type { Outcome } from '../core/outcome.js'
import type { NetworkError } from './network-error.js'

/** A partner call that got an answer: its status, headers and body. */
export interface PartnerStatusAnswer {
  readonly status: number
  /** Response headers, names in lower case. */
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  /** The body parsed as JSON; `undefined` when it is not JSON. */
  readonly json?: unknown
}

/** A partner call that got no answer: the network error's kind. */
export interface PartnerNetworkFailure {
  readonly error: NetworkError
}

/** What a classifier is given: the partner's answer or the network failure. */
export type PartnerAnswer = PartnerStatusAnswer | PartnerNetworkFailure

/**
 * A classifier may add a short detail to the failure reason (e.g. a partner's error code from the
 * body). Keep it free of personal data; known secrets are masked anyway.
 */
export interface ClassifiedOutcome {
  readonly outcome: Outcome
  readonly detail?: string
}

/** The call a result answers: method, host and path (never the query, where API keys travel). */
export interface CallInfo {
  readonly method: string
  readonly host: string
  readonly path: string
}

/** Decides what an answer means; `call` lets one client apply different rules per endpoint. */
export type Classifier = (result: PartnerAnswer, call: CallInfo) => Outcome | ClassifiedOutcome

/** True for a classifier's answer that is a failure rather than `delivered`. */
export const isErrorResult = (result: PartnerAnswer): result is PartnerNetworkFailure => 'error' in result

/**
 * The default rules for an HTTP status:
 * - 2xx: delivered.
 * - 408, 429 and every 5xx: retryable (the partner is busy, overloaded or briefly broken).
 * - 401, 403: suspend (the customer's credentials or permissions are wrong; retrying cannot help).
 * - every other 4xx: permanent (this request will never be accepted).
 * - 1xx and 3xx: permanent. `fetch` never surfaces an interim 1xx, and the client does not follow
 *   redirects (a redirect could carry API keys to another host), so a 3xx means the configured
 *   endpoint is wrong; retrying the same request cannot change that.
 * - anything outside 100–599 is not HTTP: treated like a 5xx, retryable.
 */
export const classifyStatus = (status: number): Outcome => {
  if (!Number.isInteger(status) || status < 100 || status > 599) return 'retryable'
  if (status >= 200 && status < 300) return 'delivered'
  if (status === 408 || status === 429 || status >= 500) return 'retryable'
  if (status === 401 || status === 403) return 'suspend'
  return 'permanent'
}

/**
 * Network errors: every kind is retryable. Timeouts, resets, refusals and DNS failures are the
 * textbook transient failures; `aborted` means we ran out of time, which must leave the item for
 * the next delivery; `other` (TLS, malformed answers) is retried because the partner may or may not
 * have received the call, and dropping an event silently is worse than a retry that the checkpoint
 * store turns into a skip.
 */
export const classifyNetworkError = (_error: NetworkError): Outcome => 'retryable'

/** The default classifier: the status rules above, or the network-error rule. */
export const classifyResponse = (result: PartnerAnswer): Outcome => (isErrorResult(result) ? classifyNetworkError(result.error) : classifyStatus(result.status))

import { FirehoseError } from '../errors.js'
import type { NetworkErrorKind } from './network-error.js'

/** What a failed partner call looked like, for callers that need more than the reason. */
export interface CallDetails {
  readonly method: string
  /** Host and path only (see describeTarget). */
  readonly target: string
  /** Attempts made, retries included. */
  readonly attempts: number
  /** The last answer, when there was one. */
  readonly response?: {
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly json: unknown
  }
  /** The last network error, when the last attempt got no answer. */
  readonly network?: NetworkErrorKind
}

/**
 * A FirehoseError from a partner call, carrying the call's details. Logging it through the shared
 * logger prints only its name and reason, so the response body in `details` never reaches a log line.
 */
export class PartnerCallError extends FirehoseError {
  readonly details: CallDetails

  constructor(kind: 'retryable' | 'permanent' | 'suspend', reason: string, details: CallDetails, retryAfterMs?: number) {
    super(kind, reason, retryAfterMs === undefined ? {} : { retryAfterMs })
    this.details = details
  }
}

/** True for the failure of a partner call made with the HTTP client. */
export const isPartnerCallError = (value: unknown): value is PartnerCallError => value instanceof PartnerCallError

/** The call details of an error from the HTTP client, if it is one. */
export const callDetailsOf = (error: unknown): CallDetails | undefined => (isPartnerCallError(error) ? error.details : undefined)

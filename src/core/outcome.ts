import type { FirehoseError } from '../errors.js'

/**
 * What became of a message, of one partner call, or of one queued record:
 * - `delivered`: done; acknowledged.
 * - `retryable`: transient; the message is delivered again (mParticle or SQS retries it).
 * - `permanent`: will never succeed; logged and acknowledged.
 * - `suspend`: the customer's configuration is broken; answered with `suspend_subscription` where
 *   the response has that flag, refused otherwise.
 */
export type Outcome = 'delivered' | 'retryable' | 'permanent' | 'suspend'

/** An item may also be skipped on purpose (already delivered, undeclared, too old): it counts as delivered. */
export type ItemKind = Outcome | 'skipped'

/** What each outcome means, in one place: read by the fold, the response envelope, the HTTP answer and the totality property. */
export interface OutcomeMeaning {
  /** Which outcome wins when a message has several: the highest rank. */
  readonly rank: number
  /** Whether the message should be delivered again. */
  readonly retry: boolean
  /**
   * Messages whose response has `suspend_subscription` (event batches, membership changes) answer
   * this outcome with a response (`true`: with the flag set); `false`: the message is refused.
   */
  readonly answeredWithFlag: false | { readonly suspend: boolean }
  /** The HTTP status when the message is refused (`retry` ones use the configured retry status). */
  readonly refusedStatus: number
}

export const OUTCOMES: Readonly<Record<ItemKind, OutcomeMeaning>> = {
  delivered: { rank: 0, retry: false, answeredWithFlag: { suspend: false }, refusedStatus: 200 },
  skipped: { rank: 0, retry: false, answeredWithFlag: { suspend: false }, refusedStatus: 200 },
  permanent: { rank: 1, retry: false, answeredWithFlag: { suspend: false }, refusedStatus: 400 },
  suspend: { rank: 2, retry: false, answeredWithFlag: { suspend: true }, refusedStatus: 400 },
  retryable: { rank: 3, retry: true, answeredWithFlag: false, refusedStatus: 429 },
}

/** What happened to one item (an event, a profile, a message): delivered, skipped, or failed and how. */
export interface ItemOutcome {
  /** The event id, `<message id>/notification/<index>`, or the message id for whole-message handlers. */
  readonly item: string
  /** `onEvents`, `on:<type>`, `notification:<type>`, `onAudience`, `validate`... */
  readonly stage: string
  readonly kind: ItemKind
  readonly reason?: string
  readonly retryAfterMs?: number
  /** The failure came from something partner code threw that was not a FirehoseError. */
  readonly untyped?: true
}

/** What a base handler hands the `errors` middleware. */
export interface DispatchResult {
  readonly items: ReadonlyArray<ItemOutcome>
  /** Fields the response carries besides the envelope: a registration, subscription settings. */
  readonly fields?: Readonly<Record<string, unknown>>
}

/** The outcome of a whole message. */
export interface MessageVerdict {
  readonly kind: Outcome
  readonly reason?: string
  readonly retryAfterMs?: number
  readonly untyped?: true
}

/** The message's outcome is its worst item's: retryable over suspend over permanent over delivered (and skipped). */
export const fold = (items: ReadonlyArray<ItemOutcome>): MessageVerdict => {
  let worst: ItemOutcome | undefined
  let retryAfterMs: number | undefined
  for (const item of items) {
    if (worst === undefined || OUTCOMES[item.kind].rank > OUTCOMES[worst.kind].rank) worst = item
    if (item.kind === 'retryable' && item.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, item.retryAfterMs)
  }
  if (worst === undefined || OUTCOMES[worst.kind].rank === 0) return { kind: 'delivered' }
  const kind = worst.kind as Outcome
  const untyped = worst.untyped === true ? { untyped: true as const } : {}
  return kind === 'retryable' ? { kind, reason: worst.reason, retryAfterMs, ...untyped } : { kind, reason: worst.reason, ...untyped }
}

export const outcomeOf = (item: string, stage: string, error: FirehoseError | undefined): ItemOutcome => {
  if (error === undefined) return { item, stage, kind: 'delivered' }
  const kind: ItemKind = error.kind === 'retryable' || error.kind === 'suspend' ? error.kind : 'permanent'
  return {
    item,
    stage,
    kind,
    reason: error.message,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.untyped === true ? { untyped: true as const } : {}),
  }
}

/** A retryable or suspend item stops the batch: no later item starts. */
export const isStopping = (item: ItemOutcome): boolean => item.kind === 'retryable' || item.kind === 'suspend'

/**
 * The message kinds whose response has `suspend_subscription`; the others signal every failure by
 * transport (a Lambda error or an HTTP status).
 */
export const hasSuspendFlag = (type: string): boolean => type === 'event_processing_request' || type === 'audience_membership_change_request'

/**
 * The failures a request type may end in without a response envelope (a rejection or an HTTP
 * error status), derived from the table: what the totality property allows.
 */
export const refusalsFor = (requestType: string): ReadonlyArray<Outcome> => {
  if (requestType === 'module_registration_request') return []
  const outcomes: ReadonlyArray<Outcome> = ['retryable', 'permanent', 'suspend']
  return outcomes.filter((kind) => !hasSuspendFlag(requestType) || OUTCOMES[kind].answeredWithFlag === false)
}

import type { FirehoseError } from '../errors.js'

/** What became of one item (an event in one stage, a notification, a whole message). */
export type ItemKind = 'delivered' | 'skipped' | 'permanent' | 'suspend' | 'retryable'

export interface ItemOutcome {
  /** The event id, `notification/<index>`, or the message id for whole-message handlers. */
  readonly item: string
  /** `onEvents`, `on:<type>`, `notification:<type>`, `onAudience`, `validate`... */
  readonly stage: string
  readonly kind: ItemKind
  readonly reason?: string
  readonly retryAfterMs?: number
  /** The failure came from something partner code threw that was not a FirehoseError. */
  readonly untyped?: true
}

/** What the dispatcher hands the `errors` middleware. */
export interface DispatchResult {
  readonly items: ReadonlyArray<ItemOutcome>
  /** Fields the response carries besides the envelope: a registration, subscription settings. */
  readonly fields?: Readonly<Record<string, unknown>>
}

export type MessageOutcome = 'delivered' | 'permanent' | 'suspend' | 'retryable'

export interface Folded {
  readonly kind: MessageOutcome
  readonly reason?: string
  readonly retryAfterMs?: number
  readonly untyped?: true
}

const RANK: Readonly<Record<ItemKind, number>> = { delivered: 0, skipped: 0, permanent: 1, suspend: 2, retryable: 3 }

/** Retryable wins over suspend, suspend over permanent, permanent over delivered (and skipped). */
export const fold = (items: ReadonlyArray<ItemOutcome>): Folded => {
  let worst: ItemOutcome | undefined
  let retryAfterMs: number | undefined
  for (const item of items) {
    if (worst === undefined || RANK[item.kind] > RANK[worst.kind]) worst = item
    if (item.kind === 'retryable' && item.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, item.retryAfterMs)
  }
  if (worst === undefined || RANK[worst.kind] === 0) return { kind: 'delivered' }
  const kind = worst.kind as MessageOutcome
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

export const isStopping = (item: ItemOutcome): boolean => item.kind === 'retryable' || item.kind === 'suspend'

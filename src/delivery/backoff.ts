/** Exponential backoff with full jitter between attempts. */
export interface BackoffOptions {
  /** The ceiling of the first wait, doubled on each retry. */
  readonly baseMs?: number
  /** No wait is longer than this. */
  readonly maxMs?: number
}

export const DEFAULT_BACKOFF = { baseMs: 100, maxMs: 2_000 } as const

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(maxMs, baseMs * 2^retry)).
 * `retry` counts from 0 (the wait before the first retry).
 */
export const backoffDelay = (retry: number, options: BackoffOptions = {}, random: () => number = Math.random): number => {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(retry, 30))
  return Math.floor(Math.max(0, Math.min(1, random())) * ceiling)
}

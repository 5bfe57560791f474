/**
 * - `claimed`: this caller now holds an in-progress claim on the key until its lease ends.
 * - `delivered`: the key was already delivered (and that mark has not expired): skip it.
 * - `busy`: another caller holds an unexpired claim (a delivery still running): skip it for now.
 */
export type ClaimResult = 'claimed' | 'delivered' | 'busy'

/**
 * Per-item delivery checkpoints, so a message delivered again does not send its items twice.
 * Implementations must make `claim` atomic: of any number of concurrent claims, at most one wins.
 */
export interface CheckpointStore {
  /** Conditionally writes an in-progress claim that expires after `leaseMs`. */
  claim(key: string, leaseMs: number): Promise<ClaimResult>
  /** Marks the key delivered, until the store's TTL passes. */
  markDelivered(key: string): Promise<void>
  /** Drops an in-progress claim so the next delivery can retry the item; never removes a delivered mark. */
  release(key: string): Promise<void>
  /**
   * Optional batched read: which of `keys` are delivered (and not expired). The runtime asks once per
   * message before claiming, so a redelivery skips what already went through without a round trip
   * per item. Stores without it fall back to one claim per item.
   */
  delivered?(keys: ReadonlyArray<string>): Promise<Set<string>>
}

export const DEFAULT_CHECKPOINT_TTL_SECONDS = 24 * 60 * 60

/**
 * Delivered marks are kept to whole seconds (DynamoDB TTL's unit): a mark is live while
 * `now < expiresAt * 1000`.
 */
export const expiresAtSeconds = (nowMs: number, ttlSeconds: number): number => Math.floor(nowMs / 1000) + ttlSeconds

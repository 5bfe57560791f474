import { DEFAULT_CHECKPOINT_TTL_SECONDS, expiresAtSeconds, type CheckpointStore, type ClaimResult } from './checkpoint-store.js'
import { CheckpointTable } from './checkpoint-table.js'

/** Options of `memoryStore()`: the clock and how long checkpoints live. */
export interface MemoryStoreOptions {
  /** Entries kept at most; the oldest written is evicted first. Default 100 000. */
  readonly maxEntries?: number
  /** How long a delivered mark lasts. Default 24 h. */
  readonly ttlSeconds?: number
  /** Clock in epoch milliseconds, for tests. */
  readonly now?: () => number
}

/**
 * What the runtime calls when it may: the store's methods answered at once, with no promise (see
 * `src/dispatch/checkpoints.ts`). Attached to the asynchronous method it mirrors, so a wrapper that
 * replaces the method (a test spy) is called as usual.
 */
export type Synchronous<F extends (...args: any[]) => Promise<unknown>> = F & { readonly sync?: (...args: Parameters<F>) => Awaited<ReturnType<F>> }

const withSync = <A extends unknown[], R>(sync: (...args: A) => R): ((...args: A) => Promise<R>) & { readonly sync: (...args: A) => R } =>
  Object.assign(async (...args: A): Promise<R> => sync(...args), { sync })

/**
 * Checkpoints in this process's memory: enough for one long-lived server or for tests, not for
 * several Lambda containers (use dynamoStore). An evicted entry is forgotten, so keep `maxEntries`
 * above the number of items delivered within the TTL.
 */
export const memoryStore = (options: MemoryStoreOptions = {}): CheckpointStore => {
  const maxEntries = Math.max(1, options.maxEntries ?? 100_000)
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CHECKPOINT_TTL_SECONDS
  const now = options.now ?? Date.now
  const table = new CheckpointTable(maxEntries)

  /** The key's slot while its checkpoint lives (an expired one is forgotten here); -1 otherwise. */
  const live = (key: string, at: number): number => {
    const slot = table.find(key)
    if (slot < 0 || table.alive(slot, at)) return slot
    table.remove(slot)
    return -1
  }

  /** A new newest entry, the oldest one going first when the store is full. */
  const add = (key: string, delivered: boolean, until: number): void => {
    if (table.size >= maxEntries) table.remove(table.oldest())
    table.add(key, delivered, until)
  }

  const claim = (key: string, leaseMs: number): ClaimResult => {
    const at = now()
    const slot = live(key, at)
    if (slot >= 0) return table.isDelivered(slot) ? 'delivered' : 'busy'
    add(key, false, at + leaseMs)
    return 'claimed'
  }
  const markDelivered = (key: string): void => {
    const until = expiresAtSeconds(now(), ttlSeconds)
    const slot = table.findRecent(key)
    if (slot < 0) add(key, true, until)
    else table.rewrite(slot, true, until)
  }
  const release = (key: string): void => {
    const slot = table.findRecent(key)
    if (slot >= 0 && !table.isDelivered(slot)) table.remove(slot)
  }
  const delivered = (keys: ReadonlyArray<string>): Set<string> => {
    const at = now()
    const found = new Set<string>()
    for (const key of keys) {
      const slot = live(key, at)
      if (slot >= 0 && table.isDelivered(slot)) found.add(key)
    }
    return found
  }

  return { claim: withSync(claim), markDelivered: withSync(markDelivered), release: withSync(release), delivered: withSync(delivered) }
}

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

type Tail<A extends unknown[]> = A extends [unknown, ...infer R] ? R : never

/**
 * What the runtime calls when it may: the store's methods answered at once, with no promise (see
 * `src/dispatch/checkpoints.ts`). Attached to the asynchronous method it mirrors, so a wrapper that
 * replaces the method (a test spy) is called as usual. `split` is `sync` with the key in two parts,
 * the key being `prefix + suffix`: the runtime then need not join a string per item. Its last
 * argument, `clockReading`, is optional: `Date.now()` as the caller has just read it, which a store
 * whose clock is that same `Date.now` may use instead of reading it again.
 */
export type Synchronous<F extends (key: string, ...rest: any[]) => Promise<unknown>> = F & {
  readonly sync?: (...args: Parameters<F>) => Awaited<ReturnType<F>>
  readonly split?: (prefix: string, suffix: string, ...rest: [...Tail<Parameters<F>>, clockReading?: number]) => Awaited<ReturnType<F>>
}

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
  const live = (prefix: string, suffix: string, at: number): number => {
    const slot = table.find(prefix, suffix)
    if (slot < 0 || table.alive(slot, at)) return slot
    table.remove(slot)
    return -1
  }

  /** A new newest entry, the oldest one going first when the store is full. */
  const add = (prefix: string, suffix: string, delivered: boolean, until: number): void => {
    if (table.size >= maxEntries) table.remove(table.oldest())
    table.add(prefix, suffix, delivered, until)
  }

  // A clock read costs about as much as the rest of a claim: the runtime hands on the one its
  // deadline check took just before (a claim's, a mark's), used when this store's clock is that same Date.now.
  const clock = (clockReading: number | undefined): number => (clockReading !== undefined && now === Date.now ? clockReading : now())

  const claim = (prefix: string, suffix: string, leaseMs: number, clockReading?: number): ClaimResult => {
    const at = clock(clockReading)
    const slot = live(prefix, suffix, at)
    if (slot >= 0) return table.isDelivered(slot) ? 'delivered' : 'busy'
    add(prefix, suffix, false, at + leaseMs)
    return 'claimed'
  }
  const markDelivered = (prefix: string, suffix: string, clockReading?: number): void => {
    const until = expiresAtSeconds(clock(clockReading), ttlSeconds)
    const slot = table.findRecent(prefix, suffix)
    if (slot < 0) add(prefix, suffix, true, until)
    else table.rewrite(slot, true, until)
  }
  const release = (prefix: string, suffix: string): void => {
    const slot = table.findRecent(prefix, suffix)
    if (slot >= 0 && !table.isDelivered(slot)) table.remove(slot)
  }
  const delivered = (keys: ReadonlyArray<string>): Set<string> => {
    const at = now()
    const found = new Set<string>()
    for (const key of keys) {
      const slot = live(key, '', at)
      if (slot >= 0 && table.isDelivered(slot)) found.add(key)
    }
    return found
  }
  const claimKey = (key: string, leaseMs: number): ClaimResult => claim(key, '', leaseMs)
  const markKey = (key: string): void => markDelivered(key, '')
  const releaseKey = (key: string): void => release(key, '')

  // Each method with its synchronous twins (a whole key is a prefix with an empty suffix).
  return {
    claim: Object.assign(async (key: string, leaseMs: number) => claimKey(key, leaseMs), { sync: claimKey, split: claim }),
    markDelivered: Object.assign(async (key: string) => markKey(key), { sync: markKey, split: markDelivered }),
    release: Object.assign(async (key: string) => releaseKey(key), { sync: releaseKey, split: release }),
    delivered: Object.assign(async (keys: ReadonlyArray<string>) => delivered(keys), { sync: delivered }),
  }
}

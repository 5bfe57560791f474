import { DEFAULT_CHECKPOINT_TTL_SECONDS, expiresAtSeconds, type CheckpointStore } from './checkpoint-store.js'

/** Options of `memoryStore()`: the clock and how long checkpoints live. */
export interface MemoryStoreOptions {
  /** Entries kept at most; the oldest written is evicted first. Default 100 000. */
  readonly maxEntries?: number
  /** How long a delivered mark lasts. Default 24 h. */
  readonly ttlSeconds?: number
  /** Clock in epoch milliseconds, for tests. */
  readonly now?: () => number
}

type Entry = { readonly state: 'claimed'; readonly leaseUntil: number } | { readonly state: 'delivered'; readonly expiresAt: number }

/**
 * Checkpoints in this process's memory: enough for one long-lived server or for tests, not for
 * several Lambda containers (use dynamoStore). An evicted entry is forgotten, so keep `maxEntries`
 * above the number of items delivered within the TTL.
 */
export const memoryStore = (options: MemoryStoreOptions = {}): CheckpointStore => {
  const maxEntries = Math.max(1, options.maxEntries ?? 100_000)
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CHECKPOINT_TTL_SECONDS
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    const alive = entry.state === 'claimed' ? at < entry.leaseUntil : at < entry.expiresAt * 1000
    if (alive) return entry
    entries.delete(key)
    return undefined
  }

  const write = (key: string, entry: Entry): void => {
    entries.delete(key) // re-inserting moves the key to the newest end
    entries.set(key, entry)
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string
      entries.delete(oldest)
    }
  }

  return {
    claim: async (key, leaseMs) => {
      const at = now()
      const entry = live(key, at)
      if (entry?.state === 'delivered') return 'delivered'
      if (entry?.state === 'claimed') return 'busy'
      write(key, { state: 'claimed', leaseUntil: at + leaseMs })
      return 'claimed'
    },
    markDelivered: async (key) => {
      write(key, { state: 'delivered', expiresAt: expiresAtSeconds(now(), ttlSeconds) })
    },
    release: async (key) => {
      if (entries.get(key)?.state === 'claimed') entries.delete(key)
    },
    delivered: async (keys) => {
      const at = now()
      const found = new Set<string>()
      for (const key of keys) if (live(key, at)?.state === 'delivered') found.add(key)
      return found
    },
  }
}

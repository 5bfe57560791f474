import { DEFAULT_CHECKPOINT_TTL_SECONDS, expiresAtSeconds, type CheckpointStore, type ClaimResult } from './checkpoint-store.js'

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
 * One key's checkpoint. Mutable, and kept in the write order by reference: marking a claim
 * delivered changes the same object (no new entry), and eviction needs no map lookup to tell a
 * current slot from a stale one.
 */
interface Entry {
  readonly key: string
  state: 'claimed' | 'delivered'
  /** `leaseUntil` (epoch ms) while claimed; `expiresAt` (epoch s) once delivered. */
  until: number
  /** The entry's latest place in the write order; -1 once it left the map. */
  seq: number
}

/**
 * Entries in the order they were written, for eviction in O(1): a write appends the entry with a
 * new sequence number; the oldest live entry is the first slot whose entry still carries that
 * number (an entry written again, or deleted, leaves a stale slot that eviction skips). The queue
 * is compacted when stale slots outnumber live entries, so it stays O(entries). (A Map's own order
 * would need a delete-and-set per write and an iterator per eviction that walks the holes deleted
 * keys leave at the front: 10–40 µs an event once the store is full.)
 */
class WriteOrder {
  private slots: Entry[] = []
  private seqs: number[] = []
  private head = 0
  private next = 0

  /** Appends `entry` as the newest write. */
  push(entry: Entry): void {
    entry.seq = this.next++
    this.slots.push(entry)
    this.seqs.push(entry.seq)
  }

  /** Removes and returns the oldest entry still current; undefined when there is none. */
  oldest(): Entry | undefined {
    while (this.head < this.slots.length) {
      const entry = this.slots[this.head]!
      const seq = this.seqs[this.head]!
      this.head++
      if (entry.seq === seq) return entry
    }
    return undefined
  }

  /** Drops stale slots (and the consumed head) once they outnumber `live`. */
  compactIfSparse(live: number): void {
    if (this.slots.length - this.head <= 2 * live + 1024) return
    const slots: Entry[] = []
    const seqs: number[] = []
    for (let i = this.head; i < this.slots.length; i++) {
      if (this.slots[i]!.seq === this.seqs[i]) {
        slots.push(this.slots[i]!)
        seqs.push(this.seqs[i]!)
      }
    }
    this.slots = slots
    this.seqs = seqs
    this.head = 0
  }
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
  const entries = new Map<string, Entry>()
  const order = new WriteOrder()

  const forget = (entry: Entry): void => {
    entries.delete(entry.key)
    entry.seq = -1
  }

  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    const alive = entry.state === 'claimed' ? at < entry.until : at < entry.until * 1000
    if (alive) return entry
    forget(entry)
    return undefined
  }

  /** `entry` becomes the newest write; the oldest entries go while there are too many. */
  const written = (entry: Entry): void => {
    order.push(entry)
    while (entries.size > maxEntries) {
      const oldest = order.oldest()
      if (oldest === undefined) break
      forget(oldest)
    }
    order.compactIfSparse(entries.size)
  }

  const claim = (key: string, leaseMs: number): ClaimResult => {
    const at = now()
    const entry = live(key, at)
    if (entry?.state === 'delivered') return 'delivered'
    if (entry?.state === 'claimed') return 'busy'
    const claimed: Entry = { key, state: 'claimed', until: at + leaseMs, seq: -1 }
    entries.set(key, claimed)
    written(claimed)
    return 'claimed'
  }
  const markDelivered = (key: string): void => {
    const until = expiresAtSeconds(now(), ttlSeconds)
    const entry = entries.get(key)
    if (entry !== undefined) {
      entry.state = 'delivered'
      entry.until = until
      written(entry)
      return
    }
    const delivered: Entry = { key, state: 'delivered', until, seq: -1 }
    entries.set(key, delivered)
    written(delivered)
  }
  const release = (key: string): void => {
    const entry = entries.get(key)
    if (entry?.state === 'claimed') forget(entry)
  }

  const delivered = (keys: ReadonlyArray<string>): Set<string> => {
    const at = now()
    const found = new Set<string>()
    for (const key of keys) if (live(key, at)?.state === 'delivered') found.add(key)
    return found
  }

  return { claim: withSync(claim), markDelivered: withSync(markDelivered), release: withSync(release), delivered: withSync(delivered) }
}

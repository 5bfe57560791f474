import { DEFAULT_CHECKPOINT_TTL_SECONDS, expiresAtSeconds, type CheckpointStore, type ClaimResult } from './checkpoint-store.js'

export interface MemoryStoreOptions {
  /** Entries kept at most; the oldest written is evicted first. Default 100 000. */
  readonly maxEntries?: number
  /** How long a delivered mark lasts. Default 24 h. */
  readonly ttlSeconds?: number
  /** Clock in epoch milliseconds, for tests. */
  readonly now?: () => number
}

type Entry = { readonly state: 'claimed'; readonly leaseUntil: number; readonly seq: number } | { readonly state: 'delivered'; readonly expiresAt: number; readonly seq: number }

/**
 * Keys in the order they were written, for eviction in O(1): a write appends its key with a new
 * sequence number; the oldest live entry is the first queued key whose entry still carries that
 * number (a key written again, or deleted, leaves a stale slot that eviction skips). The queue is
 * compacted when stale slots outnumber live entries, so it stays O(entries). (A Map's own order
 * would need a delete-and-set per write and an iterator per eviction that walks the holes deleted
 * keys leave at the front: 10–40 µs an event once the store is full.)
 */
class WriteOrder {
  private keys: string[] = []
  private seqs: number[] = []
  private head = 0
  private next = 0

  push(key: string): number {
    this.keys.push(key)
    this.seqs.push(this.next)
    return this.next++
  }

  /** The oldest queued slot, removed; undefined when empty. */
  shift(): { key: string; seq: number } | undefined {
    if (this.head >= this.keys.length) return undefined
    const slot = { key: this.keys[this.head]!, seq: this.seqs[this.head]! }
    this.head++
    return slot
  }

  /** Keeps only the slots `isLive` accepts, in order. */
  compact(isLive: (key: string, seq: number) => boolean): void {
    const keys: string[] = []
    const seqs: number[] = []
    for (let i = this.head; i < this.keys.length; i++) {
      if (isLive(this.keys[i]!, this.seqs[i]!)) {
        keys.push(this.keys[i]!)
        seqs.push(this.seqs[i]!)
      }
    }
    this.keys = keys
    this.seqs = seqs
    this.head = 0
  }

  get length(): number {
    return this.keys.length - this.head
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
  const isLive = (key: string, seq: number): boolean => entries.get(key)?.seq === seq

  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    const alive = entry.state === 'claimed' ? at < entry.leaseUntil : at < entry.expiresAt * 1000
    if (alive) return entry
    entries.delete(key)
    return undefined
  }

  const write = (key: string, entry: Entry): void => {
    entries.set(key, entry)
    while (entries.size > maxEntries) {
      const oldest = order.shift()
      if (oldest === undefined) break
      if (isLive(oldest.key, oldest.seq)) entries.delete(oldest.key)
    }
    if (order.length > 2 * entries.size + 1024) order.compact(isLive)
  }

  const claim = (key: string, leaseMs: number): ClaimResult => {
    const at = now()
    const entry = live(key, at)
    if (entry?.state === 'delivered') return 'delivered'
    if (entry?.state === 'claimed') return 'busy'
    write(key, { state: 'claimed', leaseUntil: at + leaseMs, seq: order.push(key) })
    return 'claimed'
  }
  const markDelivered = (key: string): void => {
    write(key, { state: 'delivered', expiresAt: expiresAtSeconds(now(), ttlSeconds), seq: order.push(key) })
  }
  const release = (key: string): void => {
    if (entries.get(key)?.state === 'claimed') entries.delete(key)
  }

  return { claim: withSync(claim), markDelivered: withSync(markDelivered), release: withSync(release) }
}

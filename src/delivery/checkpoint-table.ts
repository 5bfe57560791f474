const NONE = -1
const EMPTY = 0

/**
 * The memory store's checkpoints, kept without an object of their own: a hash table in typed
 * arrays, with each key's characters copied into a character arena and the entries threaded in
 * the order they were written (oldest first) by a doubly linked list. Finding, adding, rewriting
 * (which makes an entry the newest), removing and evicting the oldest are all O(1).
 *
 * Why not a `Map` of entry objects: a checkpoint lives for many messages, so whatever it keeps on
 * the heap (its key string, an entry object) is copied by every young-generation collection it
 * survives and then marked by every full one; at 100,000 entries, with a `Map`'s table rebuilt as
 * keys come and go, that cost most of a message's time. Here an entry is a few numbers in arrays
 * the collector never looks into. (A `Map`'s own order would also need a delete-and-set per
 * rewrite, and an iterator per eviction that walks the holes deleted keys leave: 10–40 µs an event.)
 */
export class CheckpointTable {
  /** Slot arrays, one element per slot. */
  private hashes = new Int32Array(0)
  private keyStart = new Int32Array(0)
  private keyLength = new Int32Array(0)
  /** Lease end (epoch ms) while claimed; `expiresAt` (epoch s) once delivered. */
  private until = new Float64Array(0)
  private delivered = new Uint8Array(0)
  private prev = new Int32Array(0)
  /** The next newer slot; for a free slot, the next free one. */
  private next = new Int32Array(0)

  /** Open addressing, linear probing: slot + 1 per position, EMPTY where none. Twice the slots, a power of two. */
  private index = new Int32Array(0)
  private mask = 0

  /** Every key's characters, at `keyStart` for `keyLength`; compacted when full. */
  private chars = new Uint16Array(0)
  private charsEnd = 0
  private liveChars = 0

  private first = NONE
  private last = NONE
  private free = NONE
  /** Slots handed out so far (those from here to the capacity were never used). */
  private used = 0
  private count = 0

  /** The key `find` or `add` saw last, its hash and its slot (NONE when not held): a claim's miss is followed by its `add`, and a claim by its mark. */
  private lastKey: string | undefined
  private lastHash = 0
  private lastSlot = NONE

  /** A different hash per table, so that keys cannot be chosen to collide. */
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0

  /** `maxSlots`: the most entries held at once (the arrays grow up to it as they fill). */
  constructor(private readonly maxSlots: number) {}

  get size(): number {
    return this.count
  }

  /** The key's slot, or NONE. */
  find(key: string): number {
    const hash = this.hash(key)
    const slot = this.lookup(key, hash)
    this.lastKey = key
    this.lastHash = hash
    this.lastSlot = slot
    return slot
  }

  /** `find` for the key just claimed or added (a mark, a release): answered from the last lookup. */
  findRecent(key: string): number {
    return key === this.lastKey ? this.lastSlot : this.find(key)
  }

  isDelivered(slot: number): boolean {
    return this.delivered[slot] === 1
  }

  /** Whether the entry has not expired at `at` (epoch ms). */
  alive(slot: number, at: number): boolean {
    return this.delivered[slot] === 1 ? at < this.until[slot]! * 1000 : at < this.until[slot]!
  }

  /** The oldest entry's slot (NONE when empty). */
  oldest(): number {
    return this.first
  }

  /** Adds a key that `find` did not find, as the newest entry. The caller keeps the size within `maxSlots`. */
  add(key: string, delivered: boolean, until: number): void {
    const slot = this.take()
    const hash = key === this.lastKey ? this.lastHash : this.hash(key)
    this.hashes[slot] = hash
    this.storeKey(slot, key)
    this.set(slot, delivered, until)
    this.link(slot)
    let at = hash & this.mask
    while (this.index[at] !== EMPTY) at = (at + 1) & this.mask
    this.index[at] = slot + 1
    this.count++
    this.lastKey = key
    this.lastHash = hash
    this.lastSlot = slot
  }

  /** Changes an entry and makes it the newest. */
  rewrite(slot: number, delivered: boolean, until: number): void {
    this.set(slot, delivered, until)
    if (slot === this.last) return
    this.unlink(slot)
    this.link(slot)
  }

  /** Drops an entry; its slot is reused. */
  remove(slot: number): void {
    this.unindex(slot)
    this.unlink(slot)
    this.liveChars -= this.keyLength[slot]!
    this.next[slot] = this.free
    this.free = slot
    this.count--
    if (slot === this.lastSlot) this.lastSlot = NONE
  }

  /** A seeded FNV-1a over the UTF-16 code units, finished so that the low bits mix. */
  private hash(key: string): number {
    let h = this.seed ^ 0x811c9dc5
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    return h ^ (h >>> 13)
  }

  private lookup(key: string, hash: number): number {
    if (this.count === 0) return NONE
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const entry = this.index[at]!
      if (entry === EMPTY) return NONE
      const slot = entry - 1
      if (this.hashes[slot] === hash && this.keyIs(slot, key)) return slot
    }
  }

  private keyIs(slot: number, key: string): boolean {
    const length = this.keyLength[slot]!
    if (length !== key.length) return false
    const start = this.keyStart[slot]!
    for (let i = 0; i < length; i++) if (this.chars[start + i] !== key.charCodeAt(i)) return false
    return true
  }

  /** Removes the slot from the index, moving later entries of its run back (no tombstones). */
  private unindex(slot: number): void {
    const mask = this.mask
    let hole = this.hashes[slot]! & mask
    while (this.index[hole] !== slot + 1) hole = (hole + 1) & mask
    for (let at = (hole + 1) & mask; this.index[at] !== EMPTY; at = (at + 1) & mask) {
      const home = this.hashes[this.index[at]! - 1]! & mask
      // The entry at `at` may move into the hole unless its home lies cyclically in (hole, at].
      if (((at - home) & mask) >= ((at - hole) & mask)) {
        this.index[hole] = this.index[at]!
        hole = at
      }
    }
    this.index[hole] = EMPTY
  }

  private storeKey(slot: number, key: string): void {
    if (this.charsEnd + key.length > this.chars.length) this.compactChars(key.length)
    const start = this.charsEnd
    for (let i = 0; i < key.length; i++) this.chars[start + i] = key.charCodeAt(i)
    this.keyStart[slot] = start
    this.keyLength[slot] = key.length
    this.charsEnd += key.length
    this.liveChars += key.length
  }

  /**
   * Makes room for `extra` more characters: a larger arena (the characters copied as one block)
   * while most of it is live; the live keys alone moved to the front once half of it is dead. Either
   * way the arena ends at least twice the live characters, so this is rare.
   */
  private compactChars(extra: number): void {
    const needed = this.liveChars + extra
    if (2 * needed > this.chars.length) {
      const chars = new Uint16Array(Math.max(1024, 2 * (this.charsEnd + extra)))
      chars.set(this.chars.subarray(0, this.charsEnd))
      this.chars = chars
      return
    }
    const chars = new Uint16Array(this.chars.length)
    let end = 0
    for (let slot = this.first; slot !== NONE; slot = this.next[slot]!) {
      const start = this.keyStart[slot]!
      const length = this.keyLength[slot]!
      for (let i = 0; i < length; i++) chars[end + i] = this.chars[start + i]!
      this.keyStart[slot] = end
      end += length
    }
    this.chars = chars
    this.charsEnd = end
  }

  private set(slot: number, delivered: boolean, until: number): void {
    this.delivered[slot] = delivered ? 1 : 0
    this.until[slot] = until
  }

  private link(slot: number): void {
    this.prev[slot] = this.last
    this.next[slot] = NONE
    if (this.last === NONE) this.first = slot
    else this.next[this.last] = slot
    this.last = slot
  }

  private unlink(slot: number): void {
    const before = this.prev[slot]!
    const after = this.next[slot]!
    if (before === NONE) this.first = after
    else this.next[before] = after
    if (after === NONE) this.last = before
    else this.prev[after] = before
  }

  private take(): number {
    if (this.free !== NONE) {
      const slot = this.free
      this.free = this.next[slot]!
      return slot
    }
    if (this.used === this.until.length) this.grow()
    return this.used++
  }

  /** Doubles the slots (up to `maxSlots`) and rebuilds the index from the stored hashes. */
  private grow(): void {
    const capacity = Math.min(this.maxSlots, Math.max(64, this.until.length * 2))
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const wider = make(capacity)
      wider.set(old)
      return wider
    }
    this.hashes = widen(this.hashes, (n) => new Int32Array(n))
    this.keyStart = widen(this.keyStart, (n) => new Int32Array(n))
    this.keyLength = widen(this.keyLength, (n) => new Int32Array(n))
    this.until = widen(this.until, (n) => new Float64Array(n))
    this.delivered = widen(this.delivered, (n) => new Uint8Array(n))
    this.prev = widen(this.prev, (n) => new Int32Array(n))
    this.next = widen(this.next, (n) => new Int32Array(n))
    let positions = 1
    while (positions < 2 * capacity) positions *= 2
    this.index = new Int32Array(positions)
    this.mask = positions - 1
    for (let slot = this.first; slot !== NONE; slot = this.next[slot]!) {
      let at = this.hashes[slot]! & this.mask
      while (this.index[at] !== EMPTY) at = (at + 1) & this.mask
      this.index[at] = slot + 1
    }
  }
}

const NONE = -1
const EMPTY = 0

/**
 * A slot's fields, side by side in one array of 32-bit integers (`STRIDE` to a slot) so that an
 * entry is one cache line, not seven: when the table is full, every new key evicts the oldest
 * entry, which nobody has touched for a long time. `until` is a float64 in the same bytes.
 */
const STRIDE = 8
const HASH = 0
const KEY_START = 1
const KEY_LENGTH = 2
const PREV = 3
/** The next newer slot; for a free slot, the next free one. */
const NEXT = 4
const DELIVERED = 5
/** Lease end (epoch ms) while claimed; `expiresAt` (epoch s) once delivered: the float64 at `slot * 4 + UNTIL`. */
const UNTIL = 3

/**
 * The memory store's checkpoints, kept without an object of their own: a hash table in typed
 * arrays, with each key's characters copied into a character arena and the entries threaded in
 * the order they were written (oldest first) by a doubly linked list. Finding, adding, rewriting
 * (which makes an entry the newest), removing and evicting the oldest are all O(1).
 *
 * A key is given in two parts, `prefix` and `suffix`, and is their concatenation: the runtime's keys
 * are a message's scope and stage followed by an item id, and joining them into a new string per
 * item (and then flattening it to read it) cost more than the table itself. A caller with whole
 * keys passes `''` as the suffix.
 *
 * Why not a `Map` of entry objects: a checkpoint lives for many messages, so whatever it keeps on
 * the heap (its key string, an entry object) is copied by every young-generation collection it
 * survives and then marked by every full one; at 100,000 entries, with a `Map`'s table rebuilt as
 * keys come and go, that cost most of a message's time. Here an entry is a few numbers in arrays
 * the collector never looks into. (A `Map`'s own order would also need a delete-and-set per
 * rewrite, and an iterator per eviction that walks the holes deleted keys leave: 10–40 µs an event.)
 */
export class CheckpointTable {
  /** `STRIDE` integers per slot (see the field offsets above). */
  private slots = new Int32Array(0)
  /** The same bytes as float64s, for `until`. */
  private untils = new Float64Array(0)
  private capacity = 0

  /**
   * Open addressing, linear probing, two integers per position: slot + 1 (EMPTY where none) and the
   * key's hash, so that a probe compares hashes without reading the slot. Twice the slots, a power of two.
   */
  private index = new Int32Array(0)
  private mask = 0

  /**
   * Every key's characters, at its start for its length; compacted when full. `find` copies the key
   * it hashes to `charsEnd` as it reads it (one pass over the strings for hashing, comparing and
   * storing): `add` then only keeps it, and a comparison reads two runs of this array.
   */
  private chars = new Uint16Array(0)
  private charsEnd = 0
  private liveChars = 0

  private first = NONE
  private last = NONE
  private free = NONE
  /** Slots handed out so far (those from here to the capacity were never used). */
  private used = 0
  private count = 0

  /** The key `find` or `add` saw last (its two parts), its hash and its slot (NONE when not held): a claim's miss is followed by its `add`, and a claim by its mark. */
  private lastPrefix: string | undefined
  private lastSuffix: string | undefined
  private lastHash = 0
  private lastSlot = NONE
  /** Whether the last key's characters are still at `charsEnd` (until an `add` keeps them). */
  private lastCopied = false

  /** A different hash per table, so that keys cannot be chosen to collide. */
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0

  /** `maxSlots`: the most entries held at once (the arrays grow up to it as they fill). */
  constructor(private readonly maxSlots: number) {}

  get size(): number {
    return this.count
  }

  /** The slot of the key `prefix + suffix`, or NONE. */
  find(prefix: string, suffix: string): number {
    const hash = this.hashAndCopy(prefix, suffix)
    const slot = this.lookup(hash, prefix.length + suffix.length)
    this.lastPrefix = prefix
    this.lastSuffix = suffix
    this.lastHash = hash
    this.lastSlot = slot
    this.lastCopied = true
    return slot
  }

  /** `find` for the key just claimed or added (a mark, a release): answered from the last lookup. */
  findRecent(prefix: string, suffix: string): number {
    return prefix === this.lastPrefix && suffix === this.lastSuffix ? this.lastSlot : this.find(prefix, suffix)
  }

  isDelivered(slot: number): boolean {
    return this.slots[slot * STRIDE + DELIVERED] === 1
  }

  /** Whether the entry has not expired at `at` (epoch ms). */
  alive(slot: number, at: number): boolean {
    const until = this.untils[slot * 4 + UNTIL]!
    return this.isDelivered(slot) ? at < until * 1000 : at < until
  }

  /** The oldest entry's slot (NONE when empty). */
  oldest(): number {
    return this.first
  }

  /** Adds a key that `find` did not find, as the newest entry. The caller keeps the size within `maxSlots`. */
  add(prefix: string, suffix: string, delivered: boolean, until: number): void {
    const slot = this.take()
    // `find` (just before, for this key) left its hash and its characters at `charsEnd`.
    if (!this.lastCopied || prefix !== this.lastPrefix || suffix !== this.lastSuffix) this.find(prefix, suffix)
    const hash = this.lastHash
    const length = prefix.length + suffix.length
    const at = slot * STRIDE
    this.slots[at + HASH] = hash
    this.slots[at + KEY_START] = this.charsEnd
    this.slots[at + KEY_LENGTH] = length
    this.charsEnd += length
    this.liveChars += length
    this.set(slot, delivered, until)
    this.link(slot)
    const mask = this.mask
    let position = hash & mask
    while (this.index[2 * position] !== EMPTY) position = (position + 1) & mask
    this.index[2 * position] = slot + 1
    this.index[2 * position + 1] = hash
    this.count++
    this.lastSlot = slot
    this.lastCopied = false
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
    this.liveChars -= this.slots[slot * STRIDE + KEY_LENGTH]!
    this.slots[slot * STRIDE + NEXT] = this.free
    this.free = slot
    this.count--
    if (slot === this.lastSlot) this.lastSlot = NONE
  }

  /**
   * A seeded FNV-1a over the UTF-16 code units of `prefix + suffix`, finished so that the low bits
   * mix; the characters are copied to `charsEnd` on the way (room is made first), where `add` keeps
   * them and `keyIs` compares them.
   */
  private hashAndCopy(prefix: string, suffix: string): number {
    const prefixLength = prefix.length
    const length = prefixLength + suffix.length
    if (this.charsEnd + length > this.chars.length) this.compactChars(length)
    const chars = this.chars
    const start = this.charsEnd
    let h = this.seed ^ 0x811c9dc5
    for (let i = 0; i < prefixLength; i++) {
      const c = prefix.charCodeAt(i)
      chars[start + i] = c
      h = Math.imul(h ^ c, 0x01000193)
    }
    const rest = start + prefixLength
    for (let i = 0; i < length - prefixLength; i++) {
      const c = suffix.charCodeAt(i)
      chars[rest + i] = c
      h = Math.imul(h ^ c, 0x01000193)
    }
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    return h ^ (h >>> 13)
  }

  /** The slot of the key whose hash is `hash` and whose `length` characters `hashAndCopy` left at `charsEnd`. */
  private lookup(hash: number, length: number): number {
    if (this.count === 0) return NONE
    const mask = this.mask
    for (let position = hash & mask; ; position = (position + 1) & mask) {
      const entry = this.index[2 * position]!
      if (entry === EMPTY) return NONE
      if (this.index[2 * position + 1] === hash && this.keyIs(entry - 1, length)) return entry - 1
    }
  }

  private keyIs(slot: number, length: number): boolean {
    if (this.slots[slot * STRIDE + KEY_LENGTH] !== length) return false
    const chars = this.chars
    const start = this.slots[slot * STRIDE + KEY_START]!
    const key = this.charsEnd
    for (let i = 0; i < length; i++) if (chars[start + i] !== chars[key + i]) return false
    return true
  }

  /** Removes the slot from the index, moving later entries of its run back (no tombstones). */
  private unindex(slot: number): void {
    const mask = this.mask
    const index = this.index
    let hole = this.slots[slot * STRIDE + HASH]! & mask
    while (index[2 * hole] !== slot + 1) hole = (hole + 1) & mask
    for (let at = (hole + 1) & mask; index[2 * at] !== EMPTY; at = (at + 1) & mask) {
      const home = index[2 * at + 1]! & mask
      // The entry at `at` may move into the hole unless its home lies cyclically in (hole, at].
      if (((at - home) & mask) >= ((at - hole) & mask)) {
        index[2 * hole] = index[2 * at]!
        index[2 * hole + 1] = index[2 * at + 1]!
        hole = at
      }
    }
    index[2 * hole] = EMPTY
  }

  /**
   * Makes room for `extra` more characters: a larger arena (the characters copied as one block)
   * while most of it is live; the live keys alone moved to the front once half of it is dead. Either
   * way the arena ends at least twice the live characters, so this is rare. Keys written one after
   * the other sit one after the other, so they are moved in runs, a block move each; and when every
   * key lies after the one written before it (the usual case: a claim's mark rewrites the newest
   * entry), they are moved within the arena, each back to where the keys before it end, which no key
   * still to move lies under: no second arena to allocate and clear.
   */
  private compactChars(extra: number): void {
    const needed = this.liveChars + extra
    if (2 * needed > this.chars.length) {
      const chars = new Uint16Array(Math.max(1024, 2 * (this.charsEnd + extra)))
      chars.set(this.chars.subarray(0, this.charsEnd))
      this.chars = chars
      return
    }
    const old = this.chars
    const inPlace = this.keysInWriteOrder()
    const chars = inPlace ? old : new Uint16Array(old.length)
    const move = (from: number, to: number, at: number): void => {
      if (inPlace) chars.copyWithin(at, from, to)
      else chars.set(old.subarray(from, to), at)
    }
    let end = 0
    let runFrom = 0
    let runTo = 0
    for (let slot = this.first; slot !== NONE; slot = this.slots[slot * STRIDE + NEXT]!) {
      const start = this.slots[slot * STRIDE + KEY_START]!
      const length = this.slots[slot * STRIDE + KEY_LENGTH]!
      if (start !== runTo) {
        move(runFrom, runTo, end - (runTo - runFrom))
        runFrom = runTo = start
      }
      runTo += length
      this.slots[slot * STRIDE + KEY_START] = end
      end += length
    }
    move(runFrom, runTo, end - (runTo - runFrom))
    this.chars = chars
    this.charsEnd = end
  }

  /** Whether each key's characters lie after those of the key written before it. */
  private keysInWriteOrder(): boolean {
    let previousEnd = 0
    for (let slot = this.first; slot !== NONE; slot = this.slots[slot * STRIDE + NEXT]!) {
      const start = this.slots[slot * STRIDE + KEY_START]!
      if (start < previousEnd) return false
      previousEnd = start + this.slots[slot * STRIDE + KEY_LENGTH]!
    }
    return true
  }

  private set(slot: number, delivered: boolean, until: number): void {
    this.slots[slot * STRIDE + DELIVERED] = delivered ? 1 : 0
    this.untils[slot * 4 + UNTIL] = until
  }

  private link(slot: number): void {
    this.slots[slot * STRIDE + PREV] = this.last
    this.slots[slot * STRIDE + NEXT] = NONE
    if (this.last === NONE) this.first = slot
    else this.slots[this.last * STRIDE + NEXT] = slot
    this.last = slot
  }

  private unlink(slot: number): void {
    const before = this.slots[slot * STRIDE + PREV]!
    const after = this.slots[slot * STRIDE + NEXT]!
    if (before === NONE) this.first = after
    else this.slots[before * STRIDE + NEXT] = after
    if (after === NONE) this.last = before
    else this.slots[after * STRIDE + PREV] = before
  }

  private take(): number {
    if (this.free !== NONE) {
      const slot = this.free
      this.free = this.slots[slot * STRIDE + NEXT]!
      return slot
    }
    if (this.used === this.capacity) this.grow()
    return this.used++
  }

  /** Doubles the slots (up to `maxSlots`) and rebuilds the index from the stored hashes. */
  private grow(): void {
    const capacity = Math.min(this.maxSlots, Math.max(64, this.capacity * 2))
    const buffer = new ArrayBuffer(capacity * STRIDE * 4)
    const slots = new Int32Array(buffer)
    slots.set(this.slots)
    this.slots = slots
    this.untils = new Float64Array(buffer)
    this.capacity = capacity
    let positions = 1
    while (positions < 2 * capacity) positions *= 2
    const index = (this.index = new Int32Array(2 * positions))
    const mask = (this.mask = positions - 1)
    for (let slot = this.first; slot !== NONE; slot = slots[slot * STRIDE + NEXT]!) {
      const hash = slots[slot * STRIDE + HASH]!
      let at = hash & mask
      while (index[2 * at] !== EMPTY) at = (at + 1) & mask
      index[2 * at] = slot + 1
      index[2 * at + 1] = hash
    }
  }
}

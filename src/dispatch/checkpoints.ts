import * as E from 'fp-ts/lib/Either.js'
import { FirehoseError } from '../errors.js'
import type { CheckpointStore, ClaimResult } from '../delivery/index.js'
import type { Logger } from '../logger.js'
import type { Settled } from '../core/results.js'
import { DEFAULTS } from '../core/defaults.js'
import type { Deadline } from '../core/deadline.js'
import type { Synchronous } from '../delivery/memory-store.js'
import { BOUNDS, clipId } from '../core/bounds.js'

/** Where an item stands before its handler runs. `timeout`: the store did not answer before the deadline. */
export type Admission = 'run' | 'delivered' | 'busy' | 'store-failed' | 'timeout'

/**
 * What a store call raced against: the message's deadline. `expired()` asks without making an
 * AbortSignal; `expiry()` settles shortly after it (a store call still pending then is no longer
 * waited for), `expiryAfter(ms)` that long after it; both are made only when a store call is.
 */
export interface StoreBounds {
  readonly deadline?: Pick<Deadline, 'expired' | 'expiry' | 'expiryAfter'> & Partial<Pick<Deadline, 'checkedAt'>>
}

const TIMED_OUT = Symbol('timed out')

/** A store method with its synchronous twins, when the store has them (memoryStore: see `Synchronous`). */
type Twins<K extends 'claim' | 'markDelivered' | 'release'> = Synchronous<CheckpointStore[K]>

/** A claim's answer before it is turned into an admission (and logged, if its item is reached). */
type ClaimAnswer = ClaimResult | typeof TIMED_OUT | { readonly failed: unknown }

/**
 * Claims, marks and releases checkpoints around handler calls. Without a store every item runs.
 * A store that fails makes the item retryable: running it without a claim could send it twice.
 * Every store call races the deadline: a store that never answers cannot hold the invocation past
 * it, and an item whose claim did not finish in time is retryable (its claim, if the store made it
 * after all, ends with its lease). Before claiming a batch, one batched read (`delivered`, when the
 * store has it) recognises every item already delivered, so a redelivery spends no round trip on
 * them and always reaches new items.
 */
export class Checkpoints {
  /** Keys a batched read found delivered: admitted as delivered without a claim. */
  private readonly known = new Set<string>()
  /**
   * Claim-ahead (stores with a batched read, which are the asynchronous ones): the keys the message
   * will claim, in order, and how far claims have been started. Handlers still run one at a time,
   * each after its own claim answered; only the round trips overlap.
   */
  private plan: ReadonlyArray<string> = []
  private planned = 0
  /** Claims started ahead whose item has not asked for them yet. */
  private readonly ahead = new Map<string, Promise<ClaimAnswer>>()
  /** Keys whose item asked for its claim: never claimed ahead again. */
  private readonly asked = new Set<string>()
  /** Store failures logged for this message: a store that is down for a 100,000-event batch writes 21 lines, not 100,000. */
  private failuresLogged = 0

  private storeTrouble(level: 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
    this.failuresLogged++
    if (this.failuresLogged <= BOUNDS.loggedItems) this.logger[level](message, fields)
    else if (this.failuresLogged === BOUNDS.loggedItems + 1) this.logger.error('further checkpoint store failures of this message are not logged; their items are retryable')
  }

  constructor(
    private readonly store: CheckpointStore | undefined,
    private readonly scope: string,
    private readonly leaseMs: number,
    private readonly logger: Logger,
    private readonly bounds: StoreBounds = {},
  ) {}

  // The last key made: an item's claim and its record ask for the same one, one after the other.
  private lastStage = ''
  private lastItem = ''
  private lastKey = ''

  key(stage: string, item: string): string {
    if (item !== this.lastItem || stage !== this.lastStage) {
      this.lastStage = stage
      this.lastItem = item
      this.lastKey = `${this.scope}/${stage}/${item}`
    }
    return this.lastKey
  }

  private recordExpiry: Promise<void> | undefined

  /**
   * A store call, or TIMED_OUT when the deadline came first (the call itself is left to finish).
   * Reads and claims start new work: none starts once the signal fired, and one in flight is waited
   * for until the handlers' grace ends. Marks and releases record work already done: they are made
   * even after the signal, and waited for `DEFAULTS.storeGraceMs` past it (within the deadline margin).
   */
  private bounded<A>(call: () => Promise<A>, kind: 'start' | 'record'): Promise<A | typeof TIMED_OUT> {
    const { deadline } = this.bounds
    if (kind === 'start' && deadline?.expired()) return Promise.resolve(TIMED_OUT)
    const limit = deadline === undefined ? undefined : kind === 'start' ? deadline.expiry() : (this.recordExpiry ??= deadline.expiryAfter(DEFAULTS.storeGraceMs))
    const pending = call()
    return limit === undefined ? pending : Promise.race([pending, limit.then((): typeof TIMED_OUT => TIMED_OUT)])
  }

  /**
   * Whether `prefetch`'s batched read is worth a list of items: the store must answer one, and not
   * answer claims synchronously (a synchronous claim finds a delivered item as cheaply as the read,
   * so the read would only add a lookup per item; once the deadline has passed it is still made, to
   * report the timeout as for any store).
   */
  readsInBatches(): boolean {
    const store = this.store
    if (store?.delivered === undefined) return false
    return (store.claim as Twins<'claim'>).sync === undefined || this.bounds.deadline?.expired() === true
  }

  /**
   * Learns in one batched read which of these items are delivered already (stores without
   * `delivered` skip this and fall back to one claim per item). A failure or a timeout only loses
   * the shortcut: the claims still decide.
   */
  async prefetch(items: ReadonlyArray<{ readonly stage: string; readonly item: string }>): Promise<void> {
    const store = this.store
    if (store?.delivered === undefined || items.length === 0) return
    const keys = items.map(({ stage, item }) => this.key(stage, item))
    try {
      const found = await this.bounded(() => store.delivered!(keys), 'start')
      if (found === TIMED_OUT) {
        this.logger.warn('checkpoint store did not answer the batched read before the deadline', { keys: keys.length })
        return
      }
      for (const key of found) this.known.add(key)
    } catch (error) {
      this.logger.warn('checkpoint store failed the batched read', { keys: keys.length, error })
    }
    this.plan = this.claimable(keys)
  }

  /**
   * The keys worth claiming ahead: not known delivered, and met once (a key met twice is claimed
   * when its turn comes, after the first one's mark, as without claim-ahead: claimed together, the
   * second would find the first's claim busy).
   */
  private claimable(keys: ReadonlyArray<string>): string[] {
    const seen = new Map<string, boolean>()
    for (const key of keys) seen.set(key, seen.has(key))
    return keys.filter((key) => seen.get(key) === false && !this.known.has(key))
  }

  /**
   * Starts the claims of the next planned items until as many are waiting as items came before this
   * one, and never more than `DEFAULTS.claimsAhead`: a message whose first item fails (the usual
   * retry under a partner outage) claims nothing it does not use, a long one soon has its claims
   * in flight together.
   */
  private claimAhead(store: CheckpointStore): void {
    const window = Math.min(DEFAULTS.claimsAhead, this.asked.size - 1)
    while (this.ahead.size < window && this.planned < this.plan.length) {
      const key = this.plan[this.planned++]!
      if (!this.asked.has(key)) this.ahead.set(key, this.ask(store, key))
    }
  }

  /** One claim, its failure or timeout kept as an answer: only the item it was made for reports it. */
  private async ask(store: CheckpointStore, key: string): Promise<ClaimAnswer> {
    try {
      return await this.bounded(() => store.claim(key, this.leaseMs), 'start')
    } catch (error) {
      return { failed: error }
    }
  }

  /**
   * Releases the claims made ahead for items that never asked for them (a stopping failure earlier in
   * the message, the deadline): the next delivery finds them free at once instead of busy until their
   * lease ends. A release that fails or does not answer in time leaves the claim to its lease, as a
   * crash would. Call once the message's items are done.
   */
  async releaseUnasked(): Promise<void> {
    const store = this.store
    if (store === undefined || this.ahead.size === 0) return
    const unasked = [...this.ahead]
    this.ahead.clear()
    this.planned = this.plan.length
    await Promise.all(
      unasked.map(async ([key, answer]) => {
        if ((await answer) !== 'claimed') return
        try {
          await this.bounded(() => store.release(key), 'record')
        } catch (error) {
          this.storeTrouble('warn', 'checkpoint store failed to release a claim made ahead; it ends with its lease', { key: clipId(key), error })
        }
      }),
    )
  }

  // The key's prefix per stage (`scope/stage/`), for a store whose synchronous twins take the key
  // in two parts: the item id follows it, and no string is joined per item. The last one is kept
  // apart: an item's claim and its record ask for the same one, one after the other.
  private prefixes: Map<string, string> | undefined
  private prefixStage: string | undefined
  private lastPrefix = ''

  private prefix(stage: string): string {
    if (stage !== this.prefixStage) {
      const prefixes = (this.prefixes ??= new Map())
      let prefix = prefixes.get(stage)
      if (prefix === undefined) prefixes.set(stage, (prefix = `${this.scope}/${stage}/`))
      this.prefixStage = stage
      this.lastPrefix = prefix
    }
    return this.lastPrefix
  }

  /**
   * Synchronous without a store, so a message without checkpoints pays nothing for them; and with
   * a store that answers synchronously (memoryStore: see `Synchronous` there), no promise either
   * (a synchronous call cannot outlast the deadline: there is nothing to race). `deadlineChecked`:
   * the caller has just found the deadline not passed (one clock read less per item), so the clock
   * reading that check took is handed to the store's split claim (one more less).
   */
  admit(stage: string, item: string, deadlineChecked = false): Admission | Promise<Admission> {
    if (this.store === undefined) return 'run'
    // Only a batched read fills `known`: without one, asking it would hash every key for nothing.
    if (this.known.size > 0 && this.known.has(this.key(stage, item))) return 'delivered'
    const split = (this.store.claim as Twins<'claim'>).split
    const sync = (this.store.claim as Twins<'claim'>).sync
    if (split === undefined && sync === undefined) return this.claim(this.store, stage, item)
    if (!deadlineChecked && this.bounds.deadline?.expired()) return 'timeout'
    try {
      const claim =
        split === undefined
          ? sync!(this.key(stage, item), this.leaseMs)
          : split(this.prefix(stage), item, this.leaseMs, deadlineChecked ? this.bounds.deadline?.checkedAt : undefined)
      return claim === 'claimed' ? 'run' : claim
    } catch (error) {
      this.storeTrouble('error', 'checkpoint store failed to claim', { item: clipId(item), stage, error })
      return 'store-failed'
    }
  }

  private async claim(store: CheckpointStore, stage: string, item: string): Promise<Admission> {
    const key = this.key(stage, item)
    this.asked.add(key)
    this.claimAhead(store)
    const started = this.ahead.get(key)
    if (started !== undefined) this.ahead.delete(key)
    const claim = await (started ?? this.ask(store, key))
    if (claim === TIMED_OUT) {
      this.storeTrouble('warn', 'checkpoint store did not answer a claim before the deadline', { item: clipId(item), stage })
      return 'timeout'
    }
    if (typeof claim === 'object') {
      this.storeTrouble('error', 'checkpoint store failed to claim', { item: clipId(item), stage, error: claim.failed })
      return 'store-failed'
    }
    return claim === 'claimed' ? 'run' : claim
  }

  /**
   * Whether the last synchronous mark checked the deadline on its way (`settle` with
   * `checkDeadline`), for the item run next: see `takeDeadlineCheck`.
   */
  private deadlineCheckLeft = false

  /**
   * Whether the item settled last left a deadline check behind, which the item run right after it
   * (nothing in between: the caller runs them one after the other, synchronously) may take as its
   * own (`Deadline.expiredWhenChecked`). Cleared as it is read, so a check is taken once at most.
   */
  takeDeadlineCheck(): boolean {
    const left = this.deadlineCheckLeft
    this.deadlineCheckLeft = false
    return left
  }

  /**
   * Marks a delivered item, or releases a failed one. `checkDeadline` (a caller about to run the next
   * item at once): a mark through a synchronous split twin is handed the clock reading of a deadline
   * check made just before it, which the next item then takes as its own (`takeDeadlineCheck`): one
   * clock read serves the mark and the next item's check, as one serves a check and its claim.
   */
  settle(stage: string, item: string, result: Settled<unknown>, checkDeadline = false): Settled<unknown> | Promise<Settled<unknown>> {
    if (this.store === undefined) return result
    const markSplit = (this.store.markDelivered as Twins<'markDelivered'>).split
    const releaseSplit = (this.store.release as Twins<'release'>).split
    if (markSplit !== undefined && releaseSplit !== undefined) {
      const clockReading = checkDeadline && E.isRight(result) ? this.checkDeadlineNow() : undefined
      return this.recordNow(markSplit, releaseSplit, this.prefix(stage), item, stage, item, result, clockReading)
    }
    const mark = (this.store.markDelivered as Twins<'markDelivered'>).sync
    const release = (this.store.release as Twins<'release'>).sync
    if (mark !== undefined && release !== undefined) return this.recordNow(mark, release, this.key(stage, item), '', stage, item, result)
    return this.record(this.store, stage, item, result)
  }

  /** The deadline checked now, left for the next item; the clock reading it took (undefined when it took none). */
  private checkDeadlineNow(): number | undefined {
    const deadline = this.bounds.deadline
    if (deadline === undefined) return undefined
    deadline.expired()
    this.deadlineCheckLeft = true
    return deadline.checkedAt
  }

  /**
   * `record` for a store with synchronous twins: the same attempts and log lines, no promise. The
   * key is `prefix + suffix` for the split twins; a whole key and `''` for the others (which ignore it).
   * `clockReading`: handed to the mark (a split twin may use it instead of reading the clock).
   */
  private recordNow(
    mark: (prefix: string, suffix: string, clockReading?: number) => void,
    release: (prefix: string, suffix: string) => void,
    prefix: string,
    suffix: string,
    stage: string,
    item: string,
    result: Settled<unknown>,
    clockReading?: number,
  ): Settled<unknown> {
    if (E.isRight(result)) {
      for (let attempt = 1; attempt <= DEFAULTS.markAttempts; attempt++) {
        try {
          mark(prefix, suffix, clockReading)
          return result
        } catch (error) {
          this.storeTrouble('error', 'checkpoint store failed to record a delivery', { item: clipId(item), stage, attempt, error })
        }
      }
      return E.left(new FirehoseError('retryable', 'delivered but the checkpoint could not be recorded'))
    }
    try {
      release(prefix, suffix)
    } catch (error) {
      this.storeTrouble('error', 'checkpoint store failed to record an outcome', { item: clipId(item), stage, error })
    }
    return result
  }

  /**
   * Marks a delivered item, trying again (`DEFAULTS.markAttempts` in all) before giving up: a mark
   * lost after the partner accepted the item means it is sent again once its claim's lease ends
   * (harmless only at a partner that honours idempotency keys).
   */
  private async mark(store: CheckpointStore, key: string, stage: string, item: string): Promise<boolean> {
    for (let attempt = 1; attempt <= DEFAULTS.markAttempts; attempt++) {
      try {
        const done = await this.bounded(() => store.markDelivered(key), 'record')
        if (done !== TIMED_OUT) return true
        this.storeTrouble('error', 'checkpoint store did not record a delivery before the deadline', { item: clipId(item), stage, attempt })
        return false
      } catch (error) {
        this.storeTrouble('error', 'checkpoint store failed to record a delivery', { item: clipId(item), stage, attempt, error })
      }
    }
    return false
  }

  private async record(store: CheckpointStore, stage: string, item: string, result: Settled<unknown>): Promise<Settled<unknown>> {
    const key = this.key(stage, item)
    if (E.isRight(result)) {
      if (await this.mark(store, key, stage, item)) return result
      return E.left(new FirehoseError('retryable', 'delivered but the checkpoint could not be recorded'))
    }
    try {
      const released = await this.bounded(() => store.release(key), 'record')
      if (released === TIMED_OUT) this.storeTrouble('warn', 'checkpoint store did not release a claim before the deadline', { item: clipId(item), stage })
    } catch (error) {
      this.storeTrouble('error', 'checkpoint store failed to record an outcome', { item: clipId(item), stage, error })
    }
    return result
  }
}

import * as E from 'fp-ts/lib/Either.js'
import { FirehoseError } from '../errors.js'
import type { CheckpointStore } from '../delivery/index.js'
import type { Synchronous } from '../delivery/memory-store.js'
import type { Logger } from '../logger.js'
import type { Settled } from '../core/results.js'

/** Where an item stands before its handler runs. */
export type Admission = 'run' | 'delivered' | 'busy' | 'store-failed'

/**
 * Claims, marks and releases checkpoints around handler calls. Without a store every item runs.
 * A store that fails makes the item retryable: running it without a claim could send it twice.
 */
export class Checkpoints {
  constructor(
    private readonly store: CheckpointStore | undefined,
    private readonly scope: string,
    private readonly leaseMs: number,
    private readonly logger: Logger,
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

  /**
   * Synchronous without a store, so a message without checkpoints pays nothing for them; and with
   * a store that answers synchronously (memoryStore: see `Synchronous` there), no promise either.
   */
  admit(stage: string, item: string): Admission | Promise<Admission> {
    if (this.store === undefined) return 'run'
    const ahead = this.ahead?.get(this.key(stage, item))
    if (ahead !== undefined) {
      this.ahead!.delete(this.key(stage, item))
      return ahead
    }
    const sync = (this.store.claim as Synchronous<CheckpointStore['claim']>).sync
    if (sync === undefined) return this.claim(this.store, stage, item)
    try {
      const claim = sync(this.key(stage, item), this.leaseMs)
      return claim === 'claimed' ? 'run' : claim
    } catch (error) {
      this.logger.error('checkpoint store failed to claim', { item, stage, error })
      return 'store-failed'
    }
  }

  /**
   * Claims started before their items run (`claimAhead`), by key: with a store that answers over
   * the network (dynamoStore), the claims of the next few events overlap instead of costing one
   * sequential round trip each. Whatever was claimed ahead but never ran is released by
   * `releaseUnclaimed` (a stop, the deadline).
   */
  private ahead: Map<string, Promise<Admission>> | undefined

  /** Whether claiming ahead gains anything: the store answers asynchronously. */
  claimsAhead(): boolean {
    return this.store !== undefined && (this.store.claim as Synchronous<CheckpointStore['claim']>).sync === undefined
  }

  /** Starts the claims of `items` now (see `claimsAhead`). */
  claimAhead(stage: string, items: ReadonlyArray<string>): void {
    const store = this.store
    if (store === undefined || !this.claimsAhead()) return
    this.ahead ??= new Map()
    for (const item of items) {
      const key = `${this.scope}/${stage}/${item}`
      if (!this.ahead.has(key)) this.ahead.set(key, this.claim(store, stage, item))
    }
  }

  /** Releases what was claimed ahead for items that did not run. */
  async releaseUnclaimed(): Promise<void> {
    const ahead = this.ahead
    if (this.store === undefined || ahead === undefined || ahead.size === 0) return
    this.ahead = undefined
    await Promise.all(
      [...ahead].map(async ([key, pending]) => {
        if ((await pending) !== 'run') return
        try {
          await this.store!.release(key)
        } catch (error) {
          this.logger.error('checkpoint store failed to release a claim', { key: key.slice(this.scope.length + 1), error })
        }
      }),
    )
  }

  private async claim(store: CheckpointStore, stage: string, item: string): Promise<Admission> {
    try {
      const claim = await store.claim(this.key(stage, item), this.leaseMs)
      return claim === 'claimed' ? 'run' : claim
    } catch (error) {
      this.logger.error('checkpoint store failed to claim', { item, stage, error })
      return 'store-failed'
    }
  }

  settle(stage: string, item: string, result: Settled<unknown>): Settled<unknown> | Promise<Settled<unknown>> {
    if (this.store === undefined) return result
    // The synchronous twin of the method this result calls for, when the store has one (as in `admit`).
    const sync = E.isRight(result)
      ? (this.store.markDelivered as Synchronous<CheckpointStore['markDelivered']>).sync
      : (this.store.release as Synchronous<CheckpointStore['release']>).sync
    if (sync === undefined) return this.record(this.store, stage, item, result)
    try {
      sync(this.key(stage, item))
    } catch (error) {
      this.logger.error('checkpoint store failed to record an outcome', { item, stage, error })
      if (E.isRight(result)) return E.left(new FirehoseError('retryable', 'delivered but the checkpoint could not be recorded'))
    }
    return result
  }

  private async record(store: CheckpointStore, stage: string, item: string, result: Settled<unknown>): Promise<Settled<unknown>> {
    const key = this.key(stage, item)
    try {
      if (E.isRight(result)) await store.markDelivered(key)
      else await store.release(key)
    } catch (error) {
      this.logger.error('checkpoint store failed to record an outcome', { item, stage, error })
      if (E.isRight(result)) return E.left(new FirehoseError('retryable', 'delivered but the checkpoint could not be recorded'))
    }
    return result
  }
}

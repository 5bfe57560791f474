import { describe, expect, it } from 'vitest'
import { Checkpoints } from '../../src/dispatch/checkpoints.js'
import { deadlineFor } from '../../src/core/deadline.js'
import { createLogger } from '../../src/logger.js'
import type { CheckpointStore, ClaimResult } from '../../src/delivery/index.js'

/** A store with synchronous split twins that records the clock reading each claim was handed. */
const recordingStore = () => {
  const readings: Array<number | undefined> = []
  const claimed = (_prefix: string, _suffix: string, _leaseMs: number, clockReading?: number): ClaimResult => {
    readings.push(clockReading)
    return 'claimed'
  }
  const nothing = (): void => undefined
  const store: CheckpointStore = {
    claim: Object.assign(async () => 'claimed' as const, { split: claimed, sync: (key: string, leaseMs: number) => claimed(key, '', leaseMs) }),
    markDelivered: Object.assign(async () => undefined, { split: nothing, sync: nothing }),
    release: Object.assign(async () => undefined, { split: nothing, sync: nothing }),
  }
  return { store, readings }
}

const logger = createLogger({ write: () => undefined, level: 'error' })

describe('Checkpoints: the clock reading of the deadline check', () => {
  it('is handed to a synchronous split claim when the caller has just checked the deadline', () => {
    const { store, readings } = recordingStore()
    const deadline = deadlineFor({ getRemainingTimeInMillis: () => 60_000 })
    const checkpoints = new Checkpoints(store, 'acct', 30_000, logger, { deadline })
    const before = Date.now()
    expect(deadline.expired()).toBe(false)
    expect(checkpoints.admit('on:x', 'e1', true)).toBe('run')
    expect(readings[0]).toBe(deadline.checkedAt)
    expect(readings[0]).toBeGreaterThanOrEqual(before)
    deadline.dispose()
  })

  it('is not handed on when the caller did not check the deadline, nor without a deadline to check', () => {
    const { store, readings } = recordingStore()
    const deadline = deadlineFor({ getRemainingTimeInMillis: () => 60_000 })
    expect(new Checkpoints(store, 'acct', 30_000, logger, { deadline }).admit('on:x', 'e1')).toBe('run')
    const unbounded = deadlineFor(undefined)
    expect(unbounded.expired()).toBe(false)
    expect(new Checkpoints(store, 'acct', 30_000, logger, { deadline: unbounded }).admit('on:x', 'e2', true)).toBe('run')
    expect(readings).toEqual([undefined, undefined])
    deadline.dispose()
    unbounded.dispose()
  })
})

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { FirehoseError } from '../../src/errors.js'
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
  const marks: Array<number | undefined> = []
  const marked = (_prefix: string, _suffix: string, clockReading?: number): void => {
    marks.push(clockReading)
  }
  const released: string[] = []
  const release = (prefix: string, suffix: string): void => {
    released.push(prefix + suffix)
  }
  const store: CheckpointStore = {
    claim: Object.assign(async () => 'claimed' as const, { split: claimed, sync: (key: string, leaseMs: number) => claimed(key, '', leaseMs) }),
    markDelivered: Object.assign(async () => undefined, { split: marked, sync: (key: string) => marked(key, '') }),
    release: Object.assign(async () => undefined, { split: release, sync: (key: string) => release(key, '') }),
  }
  return { store, readings, marks, released }
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

describe('Checkpoints: a deadline check made for a mark, left for the next item', () => {
  it('is made when asked: its reading goes to the split mark, and the next item may take it once', () => {
    const { store, marks } = recordingStore()
    const deadline = deadlineFor({ getRemainingTimeInMillis: () => 60_000 })
    const checkpoints = new Checkpoints(store, 'acct', 30_000, logger, { deadline })
    const before = Date.now()
    expect(checkpoints.settle('on:x', 'e1', E.right(undefined), true)).toEqual(E.right(undefined))
    expect(marks[0]).toBe(deadline.checkedAt)
    expect(marks[0]).toBeGreaterThanOrEqual(before)
    expect(checkpoints.takeDeadlineCheck()).toBe(true)
    expect(checkpoints.takeDeadlineCheck()).toBe(false)
    deadline.dispose()
  })

  it('is not made when not asked, nor for a release, nor without a deadline', () => {
    const { store, marks, released } = recordingStore()
    const deadline = deadlineFor({ getRemainingTimeInMillis: () => 60_000 })
    const checkpoints = new Checkpoints(store, 'acct', 30_000, logger, { deadline })
    expect(checkpoints.settle('on:x', 'e1', E.right(undefined))).toEqual(E.right(undefined))
    expect(checkpoints.takeDeadlineCheck()).toBe(false)
    const failure = E.left(new FirehoseError('retryable', 'partner down'))
    expect(checkpoints.settle('on:x', 'e2', failure, true)).toBe(failure)
    expect(released).toEqual(['acct/on:x/e2'])
    expect(checkpoints.takeDeadlineCheck()).toBe(false)
    const unbounded = new Checkpoints(store, 'acct', 30_000, logger)
    expect(unbounded.settle('on:x', 'e3', E.right(undefined), true)).toEqual(E.right(undefined))
    expect(unbounded.takeDeadlineCheck()).toBe(false)
    expect(marks).toEqual([undefined, undefined])
    deadline.dispose()
  })
})

describe('Deadline.expiredWhenChecked: the last check, without a new clock read', () => {
  it('answers what the last expired() answered, and false before any', () => {
    const open = deadlineFor({ getRemainingTimeInMillis: () => 60_000 })
    expect(open.expiredWhenChecked()).toBe(false)
    expect(open.expired()).toBe(false)
    expect(open.expiredWhenChecked()).toBe(false)
    const passed = deadlineFor({ getRemainingTimeInMillis: () => 0 })
    expect(passed.expiredWhenChecked()).toBe(false)
    expect(passed.expired()).toBe(true)
    expect(passed.expiredWhenChecked()).toBe(true)
    open.dispose()
    passed.dispose()
  })

  it('answers true once the signal, when made, has fired', () => {
    const deadline = deadlineFor({ getRemainingTimeInMillis: () => 0 })
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.expiredWhenChecked()).toBe(true)
    deadline.dispose()
  })
})

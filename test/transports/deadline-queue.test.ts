import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deadlineQueue } from '../../src/transports/deadline-queue.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const queue = (timeoutMs: number) => deadlineQueue(timeoutMs, () => Date.now())

describe('deadlineQueue()', () => {
  it('runs the expiry of a job that did not settle in time, once, and then refuses to settle it', () => {
    const deadlines = queue(100)
    const expired: string[] = []
    const job = deadlines.add(() => expired.push('a'))
    vi.advanceTimersByTime(99)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(expired).toEqual(['a'])
    vi.advanceTimersByTime(1000)
    expect(expired).toEqual(['a'])
    expect(deadlines.settle(job)).toBe(false)
  })

  it('never runs the expiry of a job that settled, and settles it once', () => {
    const deadlines = queue(100)
    const expired: string[] = []
    const job = deadlines.add(() => expired.push('a'))
    vi.advanceTimersByTime(50)
    expect(deadlines.settle(job)).toBe(true)
    expect(deadlines.settle(job)).toBe(false)
    vi.advanceTimersByTime(1000)
    expect(expired).toEqual([])
  })

  it('gives every job its own deadline, counted from when it was added', () => {
    const deadlines = queue(100)
    const expired: string[] = []
    deadlines.add(() => expired.push('a'))
    vi.advanceTimersByTime(30)
    const b = deadlines.add(() => expired.push('b'))
    vi.advanceTimersByTime(30)
    deadlines.add(() => expired.push('c'))
    vi.advanceTimersByTime(40)
    expect(expired).toEqual(['a'])
    // b settles before its deadline (130); c's is 160
    deadlines.settle(b)
    vi.advanceTimersByTime(59)
    expect(expired).toEqual(['a'])
    vi.advanceTimersByTime(1)
    expect(expired).toEqual(['a', 'c'])
  })

  it('keeps about as many jobs as are running, however many went through', () => {
    const deadlines = queue(10_000)
    for (let i = 0; i < 10_000; i++) deadlines.settle(deadlines.add(() => undefined))
    expect(deadlines.size).toBe(0)
    // A job still running holds the settled ones behind it until it settles or expires.
    const slow = deadlines.add(() => undefined)
    for (let i = 0; i < 10; i++) deadlines.settle(deadlines.add(() => undefined))
    expect(deadlines.size).toBe(11)
    deadlines.settle(slow)
    expect(deadlines.size).toBe(0)
  })

  it('uses one timer for all the waiting jobs, and none once no job waits', () => {
    const deadlines = queue(100)
    const jobs = Array.from({ length: 50 }, () => deadlines.add(() => undefined))
    expect(vi.getTimerCount()).toBe(1)
    for (const job of jobs) deadlines.settle(job)
    expect(vi.getTimerCount()).toBe(0)
    const expired: number[] = []
    deadlines.add(() => expired.push(1))
    vi.advanceTimersByTime(100)
    expect(expired).toEqual([1])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('lets an expiry add a job of its own', () => {
    const deadlines = queue(100)
    const expired: string[] = []
    deadlines.add(() => {
      expired.push('a')
      deadlines.add(() => expired.push('b'))
    })
    vi.advanceTimersByTime(100)
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['a', 'b'])
  })
})

import { performance } from 'node:perf_hooks'

/** A job waiting in a {@link deadlineQueue}. */
export interface Waiting {
  readonly at: number
}

interface Entry extends Waiting {
  onExpiry: (() => void) | undefined
  next: Entry | undefined
}

/** Runs each job's expiry unless the job settles within the queue's timeout. */
export interface DeadlineQueue {
  /** Starts a job's clock: `onExpiry` runs once `timeoutMs` passed, unless the job settles first. */
  add(onExpiry: () => void): Waiting
  /** The job finished: its expiry will not run. False when it had expired already. */
  settle(job: Waiting): boolean
  /** Jobs in the list (settled ones behind a running one included): about as many as are running. */
  readonly size: number
}

/**
 * Per-job deadlines with one timer for all the jobs instead of a `setTimeout` and a `clearTimeout`
 * per job (`serve()` adds one per request). Every job has the same timeout, so jobs expire in the
 * order they were added: they wait in a list in that order, settled ones leave it from the front,
 * and the one timer is set for the oldest job still waiting. Like a timer per job, the timer
 * exists only while some job waits.
 */
export const deadlineQueue = (timeoutMs: number, now: () => number = () => performance.now()): DeadlineQueue => {
  let head: Entry | undefined
  let tail: Entry | undefined
  let timer: NodeJS.Timeout | undefined
  /** When the armed timer fires: it may be for a job that settled since, and then it re-arms. */
  let timerAt = Number.POSITIVE_INFINITY

  const disarm = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    timerAt = Number.POSITIVE_INFINITY
  }

  /** Drops settled jobs from the front; the timer goes with the last job. */
  const dropSettled = (): void => {
    while (head !== undefined && head.onExpiry === undefined) head = head.next
    if (head === undefined) {
      tail = undefined
      disarm()
    }
  }

  const arm = (): void => {
    if (head === undefined || timerAt <= head.at) return
    disarm()
    timerAt = head.at
    timer = setTimeout(fire, Math.max(1, Math.ceil(head.at - now())))
  }

  function fire(): void {
    timer = undefined
    timerAt = Number.POSITIVE_INFINITY
    const time = now()
    while (head !== undefined && (head.onExpiry === undefined || head.at <= time)) {
      const expired = head.onExpiry
      head.onExpiry = undefined
      head = head.next
      if (head === undefined) tail = undefined
      expired?.()
    }
    arm()
  }

  return {
    add(onExpiry) {
      const entry: Entry = { at: now() + timeoutMs, onExpiry, next: undefined }
      if (tail === undefined) head = entry
      else tail.next = entry
      tail = entry
      arm()
      return entry
    },
    settle(job) {
      const entry = job as Entry
      if (entry.onExpiry === undefined) return false
      entry.onExpiry = undefined
      if (entry === head) dropSettled()
      return true
    },
    get size() {
      let count = 0
      for (let entry = head; entry !== undefined; entry = entry.next) count++
      return count
    },
  }
}

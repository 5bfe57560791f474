import * as E from 'fp-ts/lib/Either.js'
import { FirehoseError } from '../errors.js'
import type { MaybePromise } from '../core/maybe-async.js'
import type { Admission, Checkpoints } from './checkpoints.js'
import { raceDeadline, type Deadline } from '../core/deadline.js'
import { outcomeOf, type ItemOutcome } from '../core/outcome.js'
import { settleNow, type OnThrow, type Settled } from '../core/results.js'

/** What running one partner function needs from its message. */
export interface ItemRunner {
  readonly checkpoints: Checkpoints
  /** The message's deadline: `expired()` asks without making an AbortSignal; `expiry()` is what a handler that ignores the signal races against. */
  readonly deadline: Pick<Deadline, 'expired' | 'expiry'>
  readonly onThrow: OnThrow
}

export interface ItemRun {
  readonly outcome: ItemOutcome
  /** The handler's settled result (a subscription's settings); `right(undefined)` when it did not run. */
  readonly result: Settled<unknown>
}

const deadlineError = (): FirehoseError => new FirehoseError('retryable', 'deadline reached before the handler finished')

/** Calls a partner function and settles its result, cut short by the deadline. */
export const runHandler = (runner: ItemRunner, call: () => unknown): MaybePromise<Settled<unknown>> =>
  raceDeadline(
    settleNow(call, runner.onThrow),
    () => runner.deadline.expiry(),
    () => E.left(deadlineError()),
  )

/**
 * An item another delivery holds is not sent, and leaves the message retryable: mParticle retries a
 * message when it gave up waiting for the first delivery, so nobody would retry that delivery's
 * failure if this one acknowledged the message. The next delivery finds the item delivered or free.
 */
export const admissionOutcome = (item: string, stage: string, admission: 'delivered' | 'busy' | 'store-failed' | 'timeout'): ItemOutcome => {
  switch (admission) {
    case 'timeout':
      return { item, stage, kind: 'retryable', reason: 'checkpoint store did not answer before the deadline' }
    case 'store-failed':
      return { item, stage, kind: 'retryable', reason: 'checkpoint store unavailable' }
    case 'busy':
      return { item, stage, kind: 'retryable', reason: 'being delivered by another invocation' }
    case 'delivered':
      return { item, stage, kind: 'skipped', reason: 'already delivered' }
  }
}

const notRun = (outcome: ItemOutcome): ItemRun => ({ outcome, result: E.right(undefined) })

const itemRun = (item: string, stage: string, result: Settled<unknown>): ItemRun => ({ outcome: outcomeOf(item, stage, E.isLeft(result) ? result.left : undefined), result })

const recorded = (runner: ItemRunner, item: string, stage: string, checkpointed: boolean, result: Settled<unknown>): MaybePromise<ItemRun> => {
  const settled = checkpointed ? runner.checkpoints.settle(stage, item, result) : result
  return settled instanceof Promise ? settled.then((done) => itemRun(item, stage, done)) : itemRun(item, stage, settled)
}

const admitted = (runner: ItemRunner, item: string, stage: string, call: () => unknown, checkpointed: boolean, admission: Admission): MaybePromise<ItemRun> => {
  if (admission !== 'run') return notRun(admissionOutcome(item, stage, admission))
  const result = runHandler(runner, call)
  return result instanceof Promise ? result.then((done) => recorded(runner, item, stage, checkpointed, done)) : recorded(runner, item, stage, checkpointed, result)
}

/**
 * One item through its checkpoint: claim, run, then mark delivered or release. Synchronous while
 * every step is (a pure handler without checkpoints, or with a synchronous store, costs no promise
 * and no closure: the steps are named functions, continued with `.then` only when one is pending).
 */
export const runItem = (runner: ItemRunner, item: string, stage: string, call: () => unknown, checkpointed = true): MaybePromise<ItemRun> => {
  if (runner.deadline.expired()) return notRun({ item, stage, kind: 'retryable', reason: 'deadline reached' })
  const admission = checkpointed ? runner.checkpoints.admit(stage, item) : 'run'
  return admission instanceof Promise
    ? admission.then((done) => admitted(runner, item, stage, call, checkpointed, done))
    : admitted(runner, item, stage, call, checkpointed, admission)
}

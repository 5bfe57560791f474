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
  readonly deadline: Pick<Deadline, 'expired' | 'expiredWhenChecked' | 'expiry'>
  readonly onThrow: OnThrow
}

export interface ItemRun {
  readonly outcome: ItemOutcome
  /** The handler's settled result (a subscription's settings); `right(undefined)` when it did not run. */
  readonly result: Settled<unknown>
}

const deadlineError = (): FirehoseError => new FirehoseError('retryable', 'deadline reached before the handler finished')
const expiredResult = (): Settled<unknown> => E.left(deadlineError())

/** A result that is still pending races the deadline; one already there is returned as it is (no closure, no closure context: see `run`). */
const raceLater = (runner: ItemRunner, result: Promise<Settled<unknown>>): MaybePromise<Settled<unknown>> => raceDeadline(result, () => runner.deadline.expiry(), expiredResult)

const raceExpiry = (runner: ItemRunner, result: MaybePromise<Settled<unknown>>): MaybePromise<Settled<unknown>> => (result instanceof Promise ? raceLater(runner, result) : result)

/** Calls a partner function and settles its result, cut short by the deadline. */
export const runHandler = (runner: ItemRunner, call: () => unknown): MaybePromise<Settled<unknown>> => raceExpiry(runner, settleNow(call, runner.onThrow))

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

/**
 * The steps of one item, shared by `runItem` (which keeps the handler's result: a subscription's
 * settings) and `runItemFailure` (an event's outcome only when it is not delivered); `withResult`
 * picks which one is made at the end, so a delivered event costs no object at all. The partner function
 * is called as `call(arg, stage)`, so a caller running many items passes one function for all of
 * them instead of making a closure per item.
 *
 * Written for the synchronous path's allocations: positional parameters, not an object of them
 * (one more object per item), and every `.then` continuation in a function of its own (`…Later`):
 * a function that writes a closure over its parameters allocates the closure's context on every
 * call, even when the branch that makes the closure is not taken.
 */
type Finished = ItemRun | ItemOutcome | undefined

const finished = (item: string, stage: string, withResult: boolean, result: Settled<unknown>): Finished =>
  withResult ? itemRun(item, stage, result) : E.isLeft(result) ? outcomeOf(item, stage, result.left) : undefined

const notRunFor = (outcome: ItemOutcome, withResult: boolean): Finished => (withResult ? notRun(outcome) : outcome)

const finishedLater = (settled: Promise<Settled<unknown>>, item: string, stage: string, withResult: boolean): Promise<Finished> =>
  settled.then((done) => finished(item, stage, withResult, done))

const recorded = (
  runner: ItemRunner,
  item: string,
  stage: string,
  checkpointed: boolean,
  withResult: boolean,
  result: Settled<unknown>,
  chained = false,
): MaybePromise<Finished> => {
  const settled = checkpointed ? runner.checkpoints.settle(stage, item, result, chained) : result
  return settled instanceof Promise ? finishedLater(settled, item, stage, withResult) : finished(item, stage, withResult, settled)
}

const recordedLater = (result: Promise<Settled<unknown>>, runner: ItemRunner, item: string, stage: string, checkpointed: boolean, withResult: boolean): Promise<Finished> =>
  result.then((done) => recorded(runner, item, stage, checkpointed, withResult, done))

const admitted = <A>(
  runner: ItemRunner,
  item: string,
  stage: string,
  call: (arg: A, stage: string) => unknown,
  arg: A,
  checkpointed: boolean,
  withResult: boolean,
  admission: Admission,
  chained = false,
): MaybePromise<Finished> => {
  if (admission !== 'run') return notRunFor(admissionOutcome(item, stage, admission), withResult)
  const result = raceExpiry(runner, settleNow(call, runner.onThrow, arg, stage))
  return result instanceof Promise ? recordedLater(result, runner, item, stage, checkpointed, withResult) : recorded(runner, item, stage, checkpointed, withResult, result, chained)
}

const admittedLater = <A>(
  admission: Promise<Admission>,
  runner: ItemRunner,
  item: string,
  stage: string,
  call: (arg: A, stage: string) => unknown,
  arg: A,
  checkpointed: boolean,
  withResult: boolean,
): Promise<Finished> => admission.then((done) => admitted(runner, item, stage, call, arg, checkpointed, withResult, done))

const run = <A>(
  runner: ItemRunner,
  item: string,
  stage: string,
  call: (arg: A, stage: string) => unknown,
  arg: A,
  checkpointed: boolean,
  withResult: boolean,
  chained = false,
): MaybePromise<Finished> => {
  // Chained: the item before this one, settled synchronously just before it, may have checked the
  // deadline for its mark (see `Checkpoints.settle`); that check is this item's. Taken (and so
  // cleared) in any case: a check is never used by an item that was not run right after it.
  const checkedJustBefore = runner.checkpoints.takeDeadlineCheck() && chained
  if (checkedJustBefore ? runner.deadline.expiredWhenChecked() : runner.deadline.expired()) {
    return notRunFor({ item, stage, kind: 'retryable', reason: 'deadline reached' }, withResult)
  }
  // The deadline was read just above: the claim need not read it again.
  const admission = checkpointed ? runner.checkpoints.admit(stage, item, true) : 'run'
  // Only a synchronous item leaves a check for the next one: after a pause, the next item checks anew.
  return admission instanceof Promise
    ? admittedLater(admission, runner, item, stage, call, arg, checkpointed, withResult)
    : admitted(runner, item, stage, call, arg, checkpointed, withResult, admission, chained)
}

/**
 * One item through its checkpoint: claim, run, then mark delivered or release. Synchronous while
 * every step is (a pure handler without checkpoints, or with a synchronous store, costs no promise
 * and no closure: the steps are named functions, continued with `.then` only when one is pending).
 */
export const runItem = (runner: ItemRunner, item: string, stage: string, call: () => unknown, checkpointed = true): MaybePromise<ItemRun> =>
  run(runner, item, stage, call, undefined, checkpointed, true) as MaybePromise<ItemRun>

/**
 * `runItem` (always checkpointed) for the items of a batch: `call(arg, stage)` runs the item. What
 * comes back is its outcome when the item was not delivered, and `undefined` when it was (the
 * caller knows the item and its stage: most items of a batch are delivered, and cost no object).
 * One `call` serves every item of a message. `chained`: the caller runs its items one after the
 * other, each at once after the one before answered synchronously (nothing else in between), so a
 * deadline check one leaves behind is the next one's (one clock read per item, not two).
 */
export const runItemFailure = <A>(
  runner: ItemRunner,
  item: string,
  stage: string,
  call: (arg: A, stage: string) => unknown,
  arg: A,
  chained = false,
): MaybePromise<ItemOutcome | undefined> => run(runner, item, stage, call, arg, true, false, chained) as MaybePromise<ItemOutcome | undefined>

import * as E from 'fp-ts/lib/Either.js'
import { FirehoseError, isFirehoseError } from '../errors.js'
import { describeForDebug, isDebug } from './debug.js'

export type OnThrow = 'retryable' | 'permanent'

export const isEither = (value: unknown): value is E.Either<unknown, unknown> =>
  value !== null && typeof value === 'object' && ((value as { _tag?: unknown })._tag === 'Left' || (value as { _tag?: unknown })._tag === 'Right')

const describeThrown = (value: unknown): string => (value instanceof Error ? `${value.name}` : typeof value)

/**
 * Turns whatever was thrown into a FirehoseError. In production it never keeps a foreign error's
 * message (it may hold data); in development (`isDebug()`) the reason carries the message and the
 * stack goes to stderr.
 */
export const fromThrown = (value: unknown, onThrow: OnThrow): FirehoseError => {
  if (isFirehoseError(value)) return value
  if (!isDebug()) return new FirehoseError(onThrow, `handler threw ${describeThrown(value)}`, { untyped: true })
  process.stderr.write(`firehose-kit (development mode): a handler threw\n${describeForDebug(value)}\n`)
  const message = value instanceof Error ? `${value.name}: ${value.message}` : `${typeof value} ${String(value)}`
  return new FirehoseError(onThrow, `handler threw ${message}`, { untyped: true })
}

const fromLeft = (left: unknown, onThrow: OnThrow): FirehoseError =>
  isFirehoseError(left) ? left : new FirehoseError(onThrow, `handler failed with a value that is not a FirehoseError (${typeof left})`, { untyped: true })

export type Settled<A> = E.Either<FirehoseError, A>

export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'

/** `right(undefined)`, shared: what most handlers (and every handler returning nothing) settle to. Never mutated. */
const RIGHT_UNDEFINED: Settled<unknown> = E.right(undefined)

// A handler's Right is kept as it is (an Either is immutable): no new object per item.
const fromValue = (value: unknown, onThrow: OnThrow): Settled<unknown> =>
  value === undefined ? RIGHT_UNDEFINED : isEither(value) ? (E.isLeft(value) ? E.left(fromLeft(value.left, onThrow)) : (value as Settled<unknown>)) : E.right(value)

const fromAsync = async (pending: PromiseLike<unknown>, onThrow: OnThrow): Promise<Settled<unknown>> => {
  try {
    return fromValue(await pending, onThrow)
  } catch (thrown) {
    return E.left(fromThrown(thrown, onThrow))
  }
}

/**
 * Runs a handler and settles what it gives back (an Either, a TaskEither, a Promise of either, or
 * a throw) into one Either: at once when the handler answered synchronously (the common case of a
 * pure function), as a Promise otherwise. `undefined` counts as success, so a handler with nothing
 * to say may return nothing. Other values are kept as they are for the caller to interpret (an
 * event map). `run` is called with `a` and `b`, so one function can serve many items without a closure each.
 */
export const settleNow = <A, B>(run: (a: A, b: B) => unknown, onThrow: OnThrow, a?: A, b?: B): Settled<unknown> | Promise<Settled<unknown>> => {
  try {
    let value = run(a as A, b as B)
    if (typeof value === 'function') value = (value as () => unknown)()
    return isThenable(value) ? fromAsync(value, onThrow) : fromValue(value, onThrow)
  } catch (thrown) {
    return E.left(fromThrown(thrown, onThrow))
  }
}

/** For `onEvents`: is this a per-event result map rather than a single result? */
export const isResultMap = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !isEither(value) && Object.values(value).every(isEither)

import fc from 'fast-check'
import type { FirehoseOptions } from '../../firehose.js'
import type { RequestArbitraryOptions } from '../registration-arbitraries.js'

/**
 * A ready-made property over a handler, usable three ways:
 * - `await prop.assert()` runs it with fast-check (`fc.assert`) in any test runner;
 * - `test.prop([prop.arbitrary])('name', prop.check)` with `@fast-check/vitest`;
 * - `fc.assert(prop.property(), params)` to pass your own fast-check parameters.
 */
export interface HandlerProperty<T> {
  /** The generated inputs. */
  readonly arbitrary: fc.Arbitrary<T>
  /** Checks one input; rejects with an Error that says what went wrong, resolves otherwise. */
  readonly check: (value: T) => Promise<void>
  /** A fresh fast-check property over `arbitrary` and `check`. */
  readonly property: () => fc.IAsyncPropertyWithHooks<[T]>
  /** `fc.assert` over the property with the options' `numRuns` and `seed` (parameters given here win). */
  readonly assert: (parameters?: fc.Parameters<[T]>) => Promise<void>
}

/** Options every property takes. */
export interface PropertyOptions extends RequestArbitraryOptions {
  /** Generated messages per run (default 100; 30 for noDoubleDelivery, which replays each one). */
  readonly numRuns?: number
  /** Replays a failing run (fast-check prints the seed and path on failure). */
  readonly seed?: number
  readonly path?: string
  /** The fake Lambda context's budget for one invocation (default 30 s, as `invoke`'s: set it to test deadlines). A handler that has not settled 1 s after it fails the property. */
  readonly timeoutMs?: number
  /** Used when the property builds the handler from a definition: merged over `{ auth: false, logger: memoryLogger() }`. */
  readonly firehose?: FirehoseOptions
}

/** A property failure with a message a partner can act on. */
export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation'
}

export const violation = (message: string): never => {
  throw new PropertyViolation(message)
}

export const makeProperty = <T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, options: PropertyOptions, defaultRuns = 100): HandlerProperty<T> => {
  const property = () => fc.asyncProperty(arbitrary, check)
  return {
    arbitrary,
    check,
    property,
    assert: (parameters = {}) =>
      fc.assert(property(), {
        numRuns: options.numRuns ?? defaultRuns,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.path !== undefined ? { path: options.path } : {}),
        ...parameters,
      }),
  }
}

/** Rejects when `promise` has not settled within `ms`: a handler that hangs fails the property instead of the test runner's timeout. */
export const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PropertyViolation(`${what} did not settle within ${ms} ms`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

/** The response type that answers a request type. */
export const responseTypeFor = (requestType: string): string => requestType.replace(/_request$/, '_response')

/** A short, data-free description of a message for failure reports. */
export const describeMessage = (message: { type: string; id: string }): string => `${message.type} ${JSON.stringify(message.id)}`

import * as E from 'fp-ts/lib/Either.js'
import { isFirehoseError } from '../../errors.js'
import { isEither, isThenable } from '../../core/results.js'
import { createHttpClient } from '../../delivery/index.js'
import { asLogger, memoryLogger } from '../../logger.js'
import { describeForDebug, isDebug } from '../../core/debug.js'
import { recordingFetch } from '../recording-fetch.js'
import type { FirehoseDefinition, LooseDefinition } from '../../definition/definition.js'
import { firehose, type FirehoseOptions } from '../../firehose.js'
import type { RegistrationDeclaration } from '../../definition/registration.js'
import type { LambdaContext as Context } from '../../core/lambda.js'

/** A Lambda handler as `firehose()` returns it (or any function of the same shape). */
export type LambdaHandler = (event: any, context: Context) => Promise<unknown>

/** What a property can be run on: a built handler (with its registration) or a `firehose()` definition. */
export type AnyDefinition = FirehoseDefinition<any>

/** A partner function that failed with something other than a FirehoseError. */
export interface UntypedFailure {
  /** Which partner function: `on.custom_event`, `onEvents`, `onAudience`, ... */
  readonly handler: string
  /** The thrown value's class name (its message may hold personal data: see `detail`). */
  readonly thrown: string
  /** The thrown error's message and stack; the property helpers run in development mode, which keeps them. */
  readonly detail?: string
  readonly how: 'threw' | 'left'
}

/** Every partner function of a definition, wrapped to count its calls and to notice untyped failures. */
export interface Spied {
  readonly definition: AnyDefinition
  /** Names of the partner functions called, in order, since the last reset. */
  readonly calls: string[]
  readonly untyped: UntypedFailure[]
  /** Forgets the calls and untyped failures seen so far. */
  readonly reset: () => void
}

const nameOf = (value: unknown): string => (value instanceof Error ? value.name : value === null ? 'null' : typeof value)
const thrownBy = (handler: string, value: unknown): UntypedFailure =>
  isDebug() ? { handler, thrown: nameOf(value), how: 'threw', detail: describeForDebug(value) } : { handler, thrown: nameOf(value), how: 'threw' }

/** Wraps every partner function of a definition to count its calls and notice untyped failures. */
export const spyOn = (definition: AnyDefinition): Spied => {
  const calls: string[] = []
  const untyped: UntypedFailure[] = []
  const noteLeft = (handler: string, value: unknown): void => {
    if (isEither(value) && E.isLeft(value) && !isFirehoseError(value.left)) untyped.push({ handler, thrown: nameOf(value.left), how: 'left' })
    else if (!isEither(value) && value !== null && typeof value === 'object' && handler === 'onEvents') {
      for (const item of Object.values(value)) noteLeft(handler, item)
    }
  }
  const watch = (handler: string, value: unknown): unknown => {
    if (typeof value === 'function') return () => watch(handler, (value as () => unknown)())
    if (isThenable(value)) {
      return Promise.resolve(value).then(
        (settled) => watch(handler, settled),
        (error: unknown) => {
          if (!isFirehoseError(error)) untyped.push(thrownBy(handler, error))
          throw error
        },
      )
    }
    noteLeft(handler, value)
    return value
  }
  const wrap = <F>(name: string, fn: F): F => {
    if (typeof fn !== 'function') return fn
    return ((input: unknown, ctx: unknown) => {
      calls.push(name)
      try {
        return watch(name, (fn as (input: unknown, ctx: unknown) => unknown)(input, ctx))
      } catch (error) {
        if (!isFirehoseError(error)) untyped.push(thrownBy(name, error))
        throw error
      }
    }) as F
  }
  const wrapAll = (prefix: string, handlers: Readonly<Record<string, unknown>> | undefined) =>
    handlers === undefined ? undefined : Object.fromEntries(Object.entries(handlers).map(([key, fn]) => [key, wrap(`${prefix}.${key}`, fn)]))
  const loose = definition as unknown as LooseDefinition
  const spied: Record<string, unknown> = { ...loose }
  for (const key of ['onEvents', 'onAudience', 'onAudienceSubscription', 'onDsr'] as const) if (loose[key] !== undefined) spied[key] = wrap(key, loose[key])
  if (loose.on !== undefined) spied.on = wrapAll('on', loose.on)
  if (loose.onNotification !== undefined) spied.onNotification = wrapAll('onNotification', loose.onNotification)
  return {
    definition: spied as unknown as AnyDefinition,
    calls,
    untyped,
    reset: () => {
      calls.length = 0
      untyped.length = 0
    },
  }
}

/**
 * Builds the handler a property runs from a definition: no HTTP auth, logs kept in memory, and a
 * `ctx.http` whose partner API is a recordingFetch answering 200 `{}` (no network, no retries).
 */
export const buildHandler = (definition: AnyDefinition, options: FirehoseOptions = {}): LambdaHandler => {
  const logger = asLogger(options.logger, () => memoryLogger())
  const http = options.http ?? createHttpClient({ fetch: recordingFetch().fetch, retries: 0, logger })
  return firehose(definition, { auth: false, ...options, logger, http }) as unknown as LambdaHandler
}

export const isDefinition = (value: unknown): value is AnyDefinition =>
  value !== null && typeof value === 'object' && typeof (value as { registration?: unknown }).registration === 'object'

export const registrationOf = (subject: unknown, given: RegistrationDeclaration | undefined, property: string): RegistrationDeclaration => {
  if (given !== undefined) return given
  if (isDefinition(subject)) return subject.registration
  throw new TypeError(`${property}: pass the registration along with the handler, or pass the firehose() definition instead`)
}

export const describeUntyped = (failure: UntypedFailure): string =>
  failure.how === 'threw'
    ? `${failure.handler} threw ${failure.thrown}; return E.left(retryable(...)/permanent(...)/suspend(...)) or throw a FirehoseError instead${failure.detail ? `\n${failure.detail}` : ''}`
    : `${failure.handler} returned a Left of ${failure.thrown}, not a FirehoseError`

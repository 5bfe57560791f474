import type { Problem } from './schema/problem.js'

/**
 * How a message (or one item of it) failed.
 * - `retryable`: transient; mParticle (or the queue) should deliver the message again.
 * - `permanent`: this item will never succeed; logged and acknowledged.
 * - `suspend`: the customer's configuration is broken; answered with `suspend_subscription`.
 * - `decode`: the message itself could not be read.
 * - `unauthorized`, `too_large`: transport-level refusals (HTTP 401, 413).
 */
export type FirehoseErrorKind = 'retryable' | 'permanent' | 'suspend' | 'decode' | 'unauthorized' | 'too_large'

export interface FirehoseErrorOptions {
  readonly retryAfterMs?: number
  readonly problems?: ReadonlyArray<Problem>
  /** Made by the runtime from something a handler threw or failed with that was not a FirehoseError. */
  readonly untyped?: boolean
}

/** A typed failure: retryable, permanent, suspend, or a transport's refusal (decode, unauthorized...). */
export class FirehoseError extends Error {
  override readonly name = 'FirehoseError'
  readonly kind: FirehoseErrorKind
  readonly retryAfterMs?: number
  readonly problems?: ReadonlyArray<Problem>
  /** True when partner code failed with something other than a FirehoseError (the runtime chose the kind). */
  readonly untyped?: true

  constructor(kind: FirehoseErrorKind, reason: string, options: FirehoseErrorOptions = {}) {
    super(reason)
    this.kind = kind
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs
    if (options.problems !== undefined) this.problems = options.problems
    if (options.untyped === true) this.untyped = true
  }

  /** The reason without the error machinery, safe to log and to put in an HTTP answer. */
  get reason(): string {
    return this.message
  }
}

/** A failure worth retrying (mParticle delivers the message again); `retryAfterMs` asks it to wait. */
export const retryable = (reason: string, options: { retryAfterMs?: number } = {}): FirehoseError => new FirehoseError('retryable', reason, options)

/** A failure no retry will fix (the item is acknowledged and logged). */
export const permanent = (reason: string): FirehoseError => new FirehoseError('permanent', reason)

/** The customer's configuration is broken (bad API key...): mParticle suspends the subscription. */
export const suspend = (reason: string): FirehoseError => new FirehoseError('suspend', reason)

export const decodeError = (reason: string, problems: ReadonlyArray<Problem>): FirehoseError => new FirehoseError('decode', reason, { problems })

const KINDS: ReadonlySet<string> = new Set<FirehoseErrorKind>(['retryable', 'permanent', 'suspend', 'decode', 'unauthorized', 'too_large'])

/**
 * A FirehoseError from this copy of the SDK or from another one (a project's own node_modules next
 * to a CLI's), recognised by its shape, so a partner's `permanent(...)` keeps its kind either way.
 */
export const isFirehoseError = (value: unknown): value is FirehoseError =>
  value instanceof FirehoseError || (value instanceof Error && value.name === 'FirehoseError' && KINDS.has((value as { kind?: unknown }).kind as string))

import type * as E from 'fp-ts/lib/Either.js'
import type { FirehoseError } from 'firehose-kit'

/** One Iterable API call an mParticle event turns into. */
export interface IterableCall {
  readonly path: string
  readonly body: object
}

/** Why an event produces no call (logged at info level). */
export interface NoCall {
  readonly noCall: string
}

/** What a mapper makes of an event: a call, a reason for none, or invalid input (permanent). */
export type Mapping = E.Either<FirehoseError, IterableCall | NoCall>

export const isNoCall = (mapped: IterableCall | NoCall): mapped is NoCall => 'noCall' in mapped

/** `createdAt` in Iterable's unit: whole seconds, rounded down. */
export const seconds = (timestampMs: number): number => Math.floor(timestampMs / 1000)

import { clipText } from '../logger.js'

/**
 * How much of a list or a text one HTTP answer or one log line carries: a hostile or broken message
 * can have any number of problems and a reason of any length, and an answer must stay far below
 * Lambda's 6 MB response limit and a log line readable. What is left out is counted, never dropped
 * silently.
 */
export const BOUNDS = {
  /** Problems listed in one 400 answer or log line; the rest are counted in `more`. */
  problems: 20,
  /** Items listed individually per kind and stage in a message's log; above it, one summary line per kind and stage. */
  loggedItems: 20,
  /** Distinct reasons quoted in a summary line. */
  reasons: 5,
  /** Characters of one id (message, item, account) in a log line: ids come from the message. */
  idChars: 200,
  /** Characters of one reason in an answer or a log line. */
  reasonChars: 1_000,
} as const

/** The first `max` entries and how many were left out (0 when none). */
export const firstOf = <A>(list: ReadonlyArray<A>, max: number): { readonly shown: A[]; readonly more: number } => ({
  shown: list.slice(0, max),
  more: Math.max(0, list.length - max),
})

/** An id as a log line carries it: cut to `BOUNDS.idChars`. */
export const clipId = (id: unknown): unknown => (typeof id === 'string' ? clip(id, BOUNDS.idChars) : id)

/** A reason cut to `max` characters, saying how many were left out (never splitting a surrogate pair). */
export const clip = (text: string, max: number = BOUNDS.reasonChars): string => clipText(text, max)

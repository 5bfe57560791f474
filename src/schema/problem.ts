/**
 * One thing wrong with a decoded value. Never carries the value itself (it may be personal data
 * or a secret), only where it was, what was expected and what kind of value was found.
 */
export interface Problem {
  /** JSON pointer (RFC 6901) to the offending value, `""` for the root. */
  readonly path: string
  /** What the codec expected there, e.g. `string`, `one of "add" | "remove"`. */
  readonly expected: string
  /** The kind of value found: `string`, `number`, `boolean`, `null`, `array`, `object`, `missing`. */
  readonly actual: string
  /** A sentence a person can read: `/events/2/name: expected string, found number`. */
  readonly message: string
  /** For an unknown enum value: the values it most likely meant (`did you mean "product_action", ...?`). */
  readonly hint?: string
}

/** The kind of a value as problems name it: string, number, boolean, null, array, object or missing. */
export const kindOf = (value: unknown): string => (value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/** A problem at `path`: what was expected and what kind of value was found (never the value). */
export const problem = (path: string, expected: string, value: unknown, hint?: string): Problem => {
  const actual = kindOf(value)
  const message = `${path || '/'}: expected ${expected}, found ${actual}`
  return hint === undefined ? { path, expected, actual, message } : { path, expected, actual, message: `${message}; ${hint}`, hint }
}

/** Appends one reference token to a JSON pointer, escaping `~` and `/`. */
export const pointer = (base: string, token: string | number): string => `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`

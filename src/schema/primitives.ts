import { Codec, FAIL, fail, tolerate } from './codec.js'
import { didYouMean } from './suggest.js'

/** Strings. Lenient mode turns a number or boolean into its text (as Java does) and reports it. */
const makeString = (nonEmpty: boolean, coerce = true): Codec<string, string> => {
  const expected = nonEmpty ? 'non-empty string' : 'string'
  return new Codec(nonEmpty ? 'NonEmptyString' : 'string', {
    expected,
    shape: { kind: 'string', nonEmpty },
    check: nonEmpty ? (u) => typeof u === 'string' && u.length > 0 : (u) => typeof u === 'string',
    decodeAt: (u, path, ctx) => {
      if (typeof u === 'string') return u.length > 0 || !nonEmpty ? u : fail(ctx, path, expected, u)
      if (coerce && ((typeof u === 'number' && Number.isFinite(u)) || typeof u === 'boolean')) {
        return tolerate(ctx, path, expected, u, 'converted to text') ? String(u) : FAIL
      }
      return fail(ctx, path, expected, u)
    },
    encode: (a) => a,
  })
}

/** The io-ts codec of the protocol's `str`; the decoded type is the interface or type of the same name. */
export const str = makeString(false)
/** The io-ts codec of the protocol's `nonEmptyStr`; the decoded type is the interface or type of the same name. */
export const nonEmptyStr = makeString(true)
/** A string that is never converted from another kind, even in lenient mode (the message `id`). */
export const exactStr = makeString(false, false)

const INT32_MIN = -2147483648
const INT32_MAX = 2147483647
const INT64_LIMIT = 9223372036854775807

/**
 * Integers. int64 values are JavaScript numbers: exact up to 2^53 (`Number.MAX_SAFE_INTEGER`);
 * beyond that `JSON.parse` has already rounded them before any codec sees them. Lenient mode
 * truncates a fractional number (as Java does) and reports it.
 */
const makeInteger = (bits: 32 | 64): Codec<number, number> => {
  const min = bits === 32 ? INT32_MIN : -INT64_LIMIT
  const max = bits === 32 ? INT32_MAX : INT64_LIMIT
  const expected = bits === 32 ? 'integer (32-bit)' : 'integer'
  const inRange = (n: number): boolean => n >= min && n <= max
  return new Codec(bits === 32 ? 'Int32' : 'Int64', {
    expected,
    shape: { kind: 'integer', bits },
    check: (u) => Number.isInteger(u) && inRange(u as number),
    decodeAt: (u, path, ctx) => {
      if (typeof u !== 'number' || !Number.isFinite(u)) return fail(ctx, path, expected, u)
      if (!inRange(u)) return fail(ctx, path, `${expected} in range`, u)
      if (Number.isInteger(u)) return u
      return tolerate(ctx, path, expected, u, 'fraction dropped') ? Math.trunc(u) : FAIL
    },
    encode: (a) => a,
  })
}

/** The io-ts codec of the protocol's `int32`; the decoded type is the interface or type of the same name. */
export const int32 = makeInteger(32)
/** The io-ts codec of the protocol's `int64`; the decoded type is the interface or type of the same name. */
export const int64 = makeInteger(64)

/** Finite numbers (`double`). */
export const double = new Codec<number, number>('double', {
  expected: 'number',
  shape: { kind: 'number', decimal: false },
  check: (u) => typeof u === 'number' && Number.isFinite(u),
  decodeAt: (u, path, ctx) => (typeof u === 'number' && Number.isFinite(u) ? u : fail(ctx, path, 'number', u)),
  encode: (a) => a,
})

const NUMERIC_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/

/** Java `BigDecimal` amounts, as numbers. Lenient mode reads numeric text (`"12.50"`) and reports it. */
export const decimal = new Codec<number, number>('decimal', {
  expected: 'number',
  shape: { kind: 'number', decimal: true },
  check: (u) => typeof u === 'number' && Number.isFinite(u),
  decodeAt: (u, path, ctx) => {
    if (typeof u === 'number' && Number.isFinite(u)) return u
    if (typeof u === 'string' && u.length < 400 && NUMERIC_TEXT.test(u) && Number.isFinite(Number(u))) {
      return tolerate(ctx, path, 'number', u, 'numeric text read as a number') ? Number(u) : FAIL
    }
    return fail(ctx, path, 'number', u)
  },
  encode: (a) => a,
})

/** The io-ts codec of the protocol's `bool`; the decoded type is the interface or type of the same name. */
export const bool = new Codec<boolean, boolean>('boolean', {
  expected: 'boolean',
  shape: { kind: 'boolean' },
  check: (u) => typeof u === 'boolean',
  decodeAt: (u, path, ctx) => (typeof u === 'boolean' ? u : fail(ctx, path, 'boolean', u)),
  encode: (a) => a,
})

/** Web `is_dst` / `limit_ad_tracking`: Java models them as strings but senders use booleans. */
export const boolOrString = new Codec<boolean | string, boolean | string>('boolean | string', {
  expected: 'boolean or string',
  shape: { kind: 'boolOrString' },
  check: (u) => typeof u === 'boolean' || typeof u === 'string',
  decodeAt: (u, path, ctx) => (typeof u === 'boolean' || typeof u === 'string' ? u : fail(ctx, path, 'boolean or string', u)),
  encode: (a) => a,
})

/** The io-ts codec of exactly one string value. */
export const literal = <V extends string>(value: V): Codec<V, V> =>
  new Codec(JSON.stringify(value), {
    expected: JSON.stringify(value),
    shape: { kind: 'literal', value },
    check: (u) => u === value,
    decodeAt: (u, path, ctx) => (u === value ? value : fail(ctx, path, JSON.stringify(value), u)),
    encode: (a) => a,
  })

/** The expected-text for a set of values: every allowed value, so the reader need not look them up. */
export const describeValues = (name: string, values: ReadonlyArray<string>): string =>
  values.length <= 6 ? `one of ${values.map((v) => JSON.stringify(v)).join(' | ')}` : `a known ${name}, one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`

/** A closed set of string values, matched case-sensitively. */
export const enumOf = <V extends string>(name: string, values: ReadonlyArray<V>): Codec<V, V> => {
  const known = new Set<string>(values)
  const expected = describeValues(name, values)
  return new Codec(name, {
    expected,
    shape: { kind: 'enum', values },
    check: (u) => typeof u === 'string' && known.has(u),
    decodeAt: (u, path, ctx) => (typeof u === 'string' && known.has(u) ? (u as V) : fail(ctx, path, expected, u, didYouMean(u, values))),
    encode: (a) => a,
  })
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/
const MAX_DATE_MS = 8.64e15

/**
 * DSR `submitted_time` (a Java `Instant`): decodes an ISO-8601 string or a JSON number of
 * **seconds** (fraction = sub-second, as Java writes `1714592744.067235000`) into epoch
 * milliseconds, rounded to the millisecond. Encodes as an ISO-8601 string (what OpenDSR defines
 * and mParticle most likely sends), e.g. `"2024-05-01T19:45:44.067Z"`.
 */
export const instant = new Codec<number, string | number>('Instant', {
  expected: 'ISO-8601 date-time or number of seconds',
  shape: { kind: 'instant' },
  // the decoded form (ms) differs from the wire form, so decoding must always convert
  check: () => false,
  is: (u): u is number => typeof u === 'number' && Number.isFinite(u),
  decodeAt: (u, path, ctx) => {
    const expected = 'ISO-8601 date-time or number of seconds'
    if (typeof u === 'string') {
      const ms = u.length <= 40 && ISO_INSTANT.test(u) ? Date.parse(u) : Number.NaN
      return Number.isFinite(ms) ? ms : fail(ctx, path, expected, u)
    }
    if (typeof u === 'number' && Number.isFinite(u) && Math.abs(u * 1000) <= MAX_DATE_MS) return Math.round(u * 1000)
    return fail(ctx, path, expected, u)
  },
  encode: (ms) => (Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : ms / 1000),
})

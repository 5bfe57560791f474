import { Codec, FAIL, fail, tolerate, type DecodeContext } from './codec.js'
import { didYouMean } from './suggest.js'
import { stringIndex } from './string-index.js'
import { afterWarmUp } from './warm-up.js'

/** Strings. Lenient mode turns a number or boolean into its text (as Java does) and reports it. */
const makeString = (nonEmpty: boolean, coerce = true, emptyTolerated = false): Codec<string, string> => {
  const expected = nonEmpty ? 'non-empty string' : 'string'
  return new Codec(nonEmpty ? 'NonEmptyString' : 'string', {
    expected,
    shape: { kind: 'string', nonEmpty },
    check: nonEmpty ? (u) => typeof u === 'string' && u.length > 0 : (u) => typeof u === 'string',
    decodeAt: (u, path, ctx) => {
      if (typeof u === 'string') {
        if (u.length > 0 || !nonEmpty) return u
        return emptyTolerated ? (tolerate(ctx, path, expected, u, 'kept as sent; never written') ? u : FAIL) : fail(ctx, path, expected, u)
      }
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
/**
 * A required string that Java never writes empty (`NON_EMPTY` drops `""`): `audience_name`, event
 * `name` / `screen_name`, push `token`, GDPR notification `purpose`, DSR identity `value`. Strict
 * mode rejects `""`; lenient mode keeps it and reports it; the encoder never writes `""` for it
 * (the key is left out, as Java does), so what firehose-kit writes is what Java would write.
 */
export const requiredText = makeString(true, true, true)
/** A string that is never converted from another kind, even in lenient mode. */
export const exactStr = makeString(false, false)

const UUID_FORM = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/**
 * 0 at each hex digit (either case), 1 at every other UTF-16 code unit: indexed by the code unit
 * itself (64 KB), so a character costs one load, with no range test or mask.
 */
const NOT_HEX = new Uint8Array(65536).fill(1)
for (const digit of '0123456789abcdefABCDEF') NOT_HEX[digit.charCodeAt(0)] = 0

/** 1 when the character at `i` is not a hex digit, 0 when it is. */
const notHex = (u: string, i: number): number => NOT_HEX[u.charCodeAt(i)]!

/**
 * The 36-character UUID form (for 36-character strings): the four dashes, then the 32 hex digits
 * written out one by one. Unrolled for speed: every event's `id` and `source_id` come here, and
 * the loops over each group took about 50 ns an id where this takes about 35.
 */
const hexForm = (u: string): boolean =>
  u.charCodeAt(8) === 45 &&
  u.charCodeAt(13) === 45 &&
  u.charCodeAt(18) === 45 &&
  u.charCodeAt(23) === 45 &&
  (notHex(u, 0) |
    notHex(u, 1) |
    notHex(u, 2) |
    notHex(u, 3) |
    notHex(u, 4) |
    notHex(u, 5) |
    notHex(u, 6) |
    notHex(u, 7) |
    notHex(u, 9) |
    notHex(u, 10) |
    notHex(u, 11) |
    notHex(u, 12) |
    notHex(u, 14) |
    notHex(u, 15) |
    notHex(u, 16) |
    notHex(u, 17) |
    notHex(u, 19) |
    notHex(u, 20) |
    notHex(u, 21) |
    notHex(u, 22) |
    notHex(u, 24) |
    notHex(u, 25) |
    notHex(u, 26) |
    notHex(u, 27) |
    notHex(u, 28) |
    notHex(u, 29) |
    notHex(u, 30) |
    notHex(u, 31) |
    notHex(u, 32) |
    notHex(u, 33) |
    notHex(u, 34) |
    notHex(u, 35)) ===
    0

/** The UUID form of a 36-character string: the regular expression while warming up, then `hexForm` (see isUuid). */
const uuidForm = afterWarmUp(
  (u: string) => UUID_FORM.test(u),
  () => hexForm,
)

/**
 * True for a UUID in the 36-character form Java's `UUID` (Jackson) reads: 8-4-4-4-12 hex digits,
 * either case. Any version (Java does not check it). Warm, the character loop is the faster (on
 * the ids `JSON.parse` has just made, the regular expression measured about 160 ns an id and the
 * character test about 35; every event's id is checked). Cold, the loop runs in the interpreter and is the
 * first function V8's optimising compiler takes up during a process's first message, at about
 * 2.5 ms of CPU, where the regular expression is compiled once in a few µs: so a process's first
 * ids go to the regular expression, and the loop takes over once it has been running a while.
 * test/schema/uuid.test.ts holds the two to the same answers.
 */
export const isUuid = (u: unknown): u is string => typeof u === 'string' && u.length === 36 && uuidForm(u)

/**
 * Message and event `id`s, which the Java model declares as `UUID` (Java rejects anything else).
 * Strict mode requires the UUID form; lenient mode keeps any other string as it came (`""`
 * included) and reports it. A value that is not a string fails in both modes (never converted).
 */
export const uuid = new Codec<string, string>('UUID', {
  expected: 'UUID',
  shape: { kind: 'uuid' },
  check: isUuid,
  is: (u): u is string => typeof u === 'string',
  decodeAt: (u, path, ctx) => {
    if (typeof u !== 'string') return fail(ctx, path, 'UUID', u)
    return isUuid(u) || tolerate(ctx, path, 'UUID', u, 'kept as sent') ? u : FAIL
  },
  encode: (a) => a,
})

const INT32_MIN = -2147483648
const INT32_MAX = 2147483647
const TWO_63 = 2 ** 63

/**
 * A Java `long` as firehose-kit holds it: a JavaScript `number` while the value is a safe integer
 * (|n| ≤ 2^53 − 1), and the exact decimal text (`"1250698897592480939"`) beyond that. Decoding
 * {@link parseMessageText}'s output gives exactly this; the encoder and {@link stringifyMessage}
 * write the text back as a bare JSON number with the same digits. Use {@link int64ToBigInt} for
 * exact arithmetic, {@link int64ToNumber} when an approximation will do (timestamps).
 */
export type Int64 = number | `${bigint}`

const INTEGER_TEXT = /^-?[1-9]\d*$/
const INT64_MAX_TEXT = '9223372036854775807'
const INT64_MIN_ABS_TEXT = '9223372036854775808'

/** Whether an integer's decimal text (no sign, no leading zero) lies in Java's long range. */
const inLongRange = (text: string): boolean => {
  const negative = text.charCodeAt(0) === 45
  const digits = negative ? text.length - 1 : text.length
  if (digits < 19) return true
  if (digits > 19) return false
  return (negative ? text.slice(1) : text) <= (negative ? INT64_MIN_ABS_TEXT : INT64_MAX_TEXT)
}

/**
 * True for the canonical text of an int64 a `number` cannot hold: an optional `-`, no leading
 * zero, beyond ±(2^53 − 1) and inside Java's long range [-2^63, 2^63 − 1].
 */
export const isUnsafeInt64Text = (u: unknown): u is `${bigint}` =>
  typeof u === 'string' && u.length >= 16 && u.length <= 20 && INTEGER_TEXT.test(u) && inLongRange(u) && !Number.isSafeInteger(Number(u))

/** The exact value of an {@link Int64}. */
export const int64ToBigInt = (value: Int64): bigint => BigInt(value)
/** The nearest `number` (exact for safe integers; timestamps always are in practice). */
export const int64ToNumber = (value: Int64): number => (typeof value === 'number' ? value : Number(value))
/** Orders two {@link Int64} values exactly (negative, zero or positive, as `Array.sort` expects). */
export const compareInt64 = (a: Int64, b: Int64): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** The protocol's 32-bit integer: lenient mode drops a fraction and reports it; out of range fails. */
const int32 = new Codec<number, number>('Int32', {
  expected: 'integer (32-bit)',
  shape: { kind: 'integer', bits: 32 },
  check: (u) => Number.isInteger(u) && (u as number) >= INT32_MIN && (u as number) <= INT32_MAX,
  decodeAt: (u, path, ctx) => {
    const expected = 'integer (32-bit)'
    if (typeof u !== 'number' || !Number.isFinite(u)) return fail(ctx, path, expected, u)
    if (u < INT32_MIN || u > INT32_MAX) return fail(ctx, path, `${expected} in range`, u)
    if (Number.isInteger(u)) return u
    return tolerate(ctx, path, expected, u, 'fraction dropped') ? Math.trunc(u) : FAIL
  },
  encode: (a) => a,
})

/** A JSON number already rounded by `JSON.parse` (or the Lambda runtime): kept, and its path noted. */
const keepInexact = (n: number, path: string, ctx: DecodeContext): number => {
  ctx.inexact.push(path)
  return n
}

/**
 * int64: see {@link Int64}. Strict mode rejects values outside Java's long range. A number
 * that is an integer but not a safe one was rounded before firehose-kit saw it (a direct Lambda
 * invocation, or text parsed with plain `JSON.parse`): it is kept as it came and its path is
 * listed in one message-level problem (see `decodeMessage`). Text is accepted only in the exact
 * form of {@link isUnsafeInt64Text} (a safe integer must be a number). Lenient mode truncates a
 * fraction and reports it.
 */
const int64 = new Codec<Int64, number | string>('Int64', {
  expected: 'integer',
  shape: { kind: 'integer', bits: 64 },
  check: (u) => (typeof u === 'number' ? Number.isSafeInteger(u) : isUnsafeInt64Text(u)),
  is: (u): u is Int64 => (typeof u === 'number' ? Number.isInteger(u) && Math.abs(u) <= TWO_63 : isUnsafeInt64Text(u)),
  decodeAt: (u, path, ctx) => {
    const expected = 'integer'
    if (typeof u === 'number') {
      if (!Number.isFinite(u)) return fail(ctx, path, expected, u)
      if (Math.abs(u) > TWO_63) return fail(ctx, path, `${expected} in range`, u)
      if (Number.isSafeInteger(u)) return u
      if (Number.isInteger(u)) return keepInexact(u, path, ctx)
      if (!tolerate(ctx, path, expected, u, 'fraction dropped')) return FAIL
      const whole = Math.trunc(u)
      return Number.isSafeInteger(whole) ? whole : keepInexact(whole, path, ctx)
    }
    if (isUnsafeInt64Text(u)) return u
    // integer text beyond Java's long (what parseMessageText makes of a too-long integer)
    if (typeof u === 'string' && INTEGER_TEXT.test(u) && !inLongRange(u)) return fail(ctx, path, `${expected} in range`, u)
    return fail(ctx, path, expected, u)
  },
  // ±2^63 as numbers print as 9223372036854776000, outside Java's range: write the range's edge
  encode: (a) => (typeof a === 'number' && Math.abs(a) >= TWO_63 ? (a > 0 ? INT64_MAX_TEXT : `-${INT64_MIN_ABS_TEXT}`) : a),
})

export { int32, int64 }

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

/**
 * A closed set of string values, matched case-sensitively. Looked up with `stringIndex` (a compiled
 * `switch`), not a `Set`: a value `JSON.parse` has just made has no hash yet, and `Set.has` would
 * compute one for every event's enum field (the protocol's sets have at most a few dozen values).
 */
export const enumOf = <V extends string>(name: string, values: ReadonlyArray<V>): Codec<V, V> => {
  const indexOf = stringIndex(values)
  const known = (u: string): boolean => indexOf(u) >= 0
  const expected = describeValues(name, values)
  return new Codec(name, {
    expected,
    shape: { kind: 'enum', values },
    check: (u) => typeof u === 'string' && known(u),
    decodeAt: (u, path, ctx) => (typeof u === 'string' && known(u) ? (u as V) : fail(ctx, path, expected, u, didYouMean(u, values))),
    encode: (a) => a,
  })
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/
const MAX_DATE_MS = 8.64e15
/** The instants `Date.toISOString` writes with a four-digit year: 0000-01-01 to 9999-12-31. */
const ISO_MIN_MS = -62167219200000
const ISO_MAX_MS = 253402300799999
const SECONDS_TEXT = /^(-?)(\d{1,16})(?:\.(\d{1,30}))?$/

/**
 * Epoch milliseconds of a number of seconds written as Java writes an `Instant`
 * (`<epochSeconds>.<9-digit nanos>`), read as Java's `InstantDeserializer` reads it: the integer
 * part (truncated toward zero) is the seconds and the fraction is always a positive offset when
 * the seconds are negative (`-1.500000000` is -0.5 s, 1969-12-31T23:59:59.500Z), a negative one
 * when they are zero (`-0.5` is also -0.5 s). Sub-millisecond digits are dropped toward the past
 * (Java's `toEpochMilli`), so `253402300799.999999999` stays in 9999.
 */
export const secondsTextToMs = (text: string): number | undefined => {
  const m = SECONDS_TEXT.exec(text)
  if (m === null) {
    // an exponent form (`1.7145927440672350E9`): as near as a double gets
    const n = Number(text)
    return text.length <= 40 && Number.isFinite(n) && /^-?[\d.]+[eE][-+]?\d+$/.test(text) ? Math.floor(n * 1000) : undefined
  }
  const negative = m[1] === '-'
  const whole = Number(m[2])
  const fraction = m[3] ?? ''
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'))
  const below = /[1-9]/.test(fraction.slice(3)) // sub-millisecond digits
  if (!negative) return whole * 1000 + millis
  if (whole === 0) return -(millis + (below ? 1 : 0))
  return -whole * 1000 + millis
}

/** The same for a JSON number already parsed (a direct invocation), through its shortest text. */
const secondsToMs = (n: number): number | undefined => secondsTextToMs(String(n))

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/**
 * Java's own form for an instant, `<epochSeconds>.<9-digit nanos>` with floor seconds and a
 * positive fraction (`-500` ms → `-1.500000000`), as text.
 */
export const msToSecondsText = (ms: number): string => {
  const seconds = Math.floor(ms / 1000)
  return `${seconds}.${pad(ms - seconds * 1000, 3)}000000`
}

const INSTANT_EXPECTED = 'ISO-8601 date-time or number of seconds'

/**
 * DSR `submitted_time` (a Java `Instant`), decoded to integer epoch milliseconds. Reads an
 * ISO-8601 string, or a number of **seconds** as Java writes and reads it (see
 * {@link secondsTextToMs}; {@link parseMessageText} hands it over as text so all nine fraction
 * digits count). Sub-millisecond digits are dropped toward the past, as Java's `toEpochMilli`
 * does. Encodes as an ISO-8601 string with a four-digit year (what OpenDSR defines and Java reads),
 * e.g. `"2024-05-01T19:45:44.067Z"`; outside years 0000-9999 in Java's own `seconds.nanos` form,
 * which {@link stringifyMessage} writes as a bare number. Both forms decode to the same value here.
 */
export const instant = new Codec<number, string>('Instant', {
  expected: INSTANT_EXPECTED,
  shape: { kind: 'instant' },
  // the decoded form (ms) differs from the wire form, so decoding must always convert
  check: () => false,
  is: (u): u is number => Number.isSafeInteger(u) && Math.abs(u as number) <= MAX_DATE_MS,
  decodeAt: (u, path, ctx) => {
    let ms: number | undefined
    if (typeof u === 'string') {
      if (u.length > 40) ms = undefined
      else if (ISO_INSTANT.test(u)) ms = Date.parse(u)
      else ms = secondsTextToMs(u)
    } else if (typeof u === 'number' && Number.isFinite(u)) ms = secondsToMs(u)
    return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : fail(ctx, path, INSTANT_EXPECTED, u)
  },
  encode: (ms) => (ms >= ISO_MIN_MS && ms <= ISO_MAX_MS ? new Date(ms).toISOString() : msToSecondsText(ms)),
})

import { type AnyCodec, isRecord, setOwn } from './codec.js'
import { Message } from './messages.js'
import { isUnsafeInt64Text } from './primitives.js'

/**
 * Exact 64-bit integers on the wire. `JSON.parse` rounds every integer beyond 2^53
 * (`1250698897592480939` → `1250698897592481000`); Java's `long` does not. These two functions are
 * the text ends of every transport:
 *
 * - {@link parseMessageText} reads request text like `JSON.parse`, except that an integer at an
 *   int64 key that a `number` cannot hold exactly arrives as its decimal text, which the `int64`
 *   codec takes as an {@link Int64}.
 * - {@link stringifyMessage} writes a message like `JSON.stringify`, except that an int64 field
 *   holding decimal text is written as a bare JSON number with the same digits.
 */

/** The JSON keys of the int64 fields of the protocol (timestamps, session ids, integer settings). */
export const INT64_KEYS: ReadonlyArray<string> = [
  'timestamp_ms',
  'session_id',
  'session_length_ms',
  'timestamp_unixtime_ms',
  'att_timestamp_unixtime_ms',
  'default_value',
  'min_value',
  'max_value',
]

// A run of 16 digits or more: every integer beyond 2^53 - 1 has at least 16. Written out rather
// than as `\d{16,}` so that the regular-expression engine looks ahead and skips on a non-digit:
// on text with no such run (every integer safe, the common case) this measured about a third of
// the time of matching on the int64 keys' suffixes, and `\d{16,}` ten times as long. Each run
// found is then checked by hand: an integer (not a fraction, not inside a string) right after
// `"<int64 key>" :`.
const LONG_DIGITS = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d+/g
const KEYS = new Set(INT64_KEYS)
const QUOTE = 34
const MINUS = 45
const DOT = 46
const ZERO = 48
const COLON = 58
const UPPER_E = 69
const BACKSLASH = 92
const LOWER_E = 101
const SPACE = /\s/
// DSR `submitted_time` as a number of seconds: all nine fraction digits matter
const SECONDS = /"submitted_time"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?=\s*[,}\]])/g

const quoted = (match: string, digits: string): string => `${match.slice(0, match.length - digits.length)}"${digits}"`

/** What `\s` matches (the scan this replaced matched `"\s*:\s*`), for one UTF-16 code unit. */
const isSpace = (code: number): boolean => code === 32 || (code < 128 ? code >= 9 && code <= 13 : SPACE.test(String.fromCharCode(code)))

/** Where the integer starting at `start` is the value of a key: the key's closing quote, else -1 (`"key"\s*:\s*` before it). */
const keyCloseBefore = (text: string, start: number): number => {
  let at = start - 1
  while (at >= 0 && isSpace(text.charCodeAt(at))) at--
  if (text.charCodeAt(at) !== COLON) return -1
  at--
  while (at >= 0 && isSpace(text.charCodeAt(at))) at--
  return text.charCodeAt(at) === QUOTE ? at : -1
}

/**
 * The text with every unsafe integer at an int64 key quoted. Written as an `exec` loop that copies
 * the text between matches rather than `replace` with a callback: with a 64-bit session id in every
 * event (as mParticle sends them) the callback took 3x the time of this loop.
 */
const quoteLongIntegers = (text: string): string => {
  LONG_DIGITS.lastIndex = 0
  let out = ''
  let copied = 0
  let match: RegExpExecArray | null
  while ((match = LONG_DIGITS.exec(text)) !== null) {
    // The match is a whole run of digits: the previous match took its run to the end, and the
    // leftmost match starts where a run does.
    const end = LONG_DIGITS.lastIndex
    let start = match.index
    // JSON has no leading zero; a `.` or an exponent after the digits makes it a double.
    if (text.charCodeAt(start) === ZERO) continue
    const after = text.charCodeAt(end)
    if (after === DOT || after === LOWER_E || after === UPPER_E) continue
    if (text.charCodeAt(start - 1) === MINUS) start--
    // 16 digits (17 characters with a sign) may still fit a number exactly.
    if (end - start <= 17 && Number.isSafeInteger(Number(text.slice(start, end)))) continue
    const close = keyCloseBefore(text, start)
    if (close < 0) continue
    // Outside a string a `"` is a delimiter; inside one it is always escaped (`\"`), so a key whose
    // opening quote is not preceded by a backslash is a real key followed by a real number.
    const open = text.lastIndexOf('"', close - 1)
    if (open < 0 || (open > 0 && text.charCodeAt(open - 1) === BACKSLASH) || !KEYS.has(text.slice(open + 1, close))) continue
    out += `${text.slice(copied, start)}"${text.slice(start, end)}"`
    copied = end
  }
  return copied === 0 ? text : out + text.slice(copied)
}

const quoteSeconds = (text: string): string =>
  text.replace(SECONDS, (match: string, digits: string, offset: number) => (offset > 0 && text.charCodeAt(offset - 1) === BACKSLASH ? match : quoted(match, digits)))

/**
 * Parses request text like `JSON.parse` (and throws the same `SyntaxError` on bad JSON), keeping
 * int64 values exact: an integer at an int64 key (see {@link INT64_KEYS}) that is not a safe
 * integer is quoted before parsing, so it arrives as its exact decimal text. Integers that fit a
 * `number` stay numbers; decimals, doubles and every other key are untouched. Out-of-range values
 * (beyond Java's long) arrive as text too, and the `int64` codec rejects them with their path.
 *
 * DSR `submitted_time` numbers arrive as their text too, so the `instant` codec reads all nine
 * fraction digits of Java's `seconds.nanos` form.
 *
 * Cost: one native regular-expression pass over the text (see the README for measurements).
 */
export const parseMessageText = (text: string): unknown => {
  const exact = quoteLongIntegers(text)
  const value: unknown = JSON.parse(exact)
  // only a DSR request has `submitted_time` (small messages): read it again with the seconds as text
  return isRecord(value) && typeof value.submitted_time === 'number' ? JSON.parse(quoteSeconds(exact)) : value
}

// A marker no real string holds: a NUL, a per-process nonce, then the digits.
const NONCE = Math.random().toString(36).slice(2, 10)
const MARK = `\u0000int64:${NONCE}:`
const MARKED = new RegExp(`"\\\\u0000int64:${NONCE}:(-?\\d+(?:\\.\\d+)?)"`, 'g')
const JAVA_SECONDS = /^-?\d+\.\d{9}$/
/**
 * Some int64 or `submitted_time` key written with a string of digits: only then is a walk needed.
 * Matched on the keys' suffixes (a literal to skip ahead on) rather than on the opening quote.
 */
const QUOTED = /(?:_ms|session_id|_value|_time)":"-?\d/

/** A copy of `value` in which every int64 slot holding decimal text is marked; `value` itself when none is. */
const mark = (codec: AnyCodec, value: unknown): unknown => {
  const shape = codec.shape
  switch (shape.kind) {
    case 'integer':
      return shape.bits === 64 && isUnsafeInt64Text(value) ? MARK + value : value
    case 'instant':
      return typeof value === 'string' && JAVA_SECONDS.test(value) ? MARK + value : value
    case 'nullable':
      return value === null ? value : mark(shape.of, value)
    case 'array': {
      if (!Array.isArray(value)) return value
      let out: unknown[] | undefined
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i]
        const marked = mark(shape.of, item)
        if (marked !== item) (out ??= value.slice())[i] = marked
      }
      return out ?? value
    }
    case 'map': {
      if (!isRecord(value)) return value
      let out: Record<string, unknown> | undefined
      for (const key of Object.keys(value)) {
        const entry = value[key]
        const marked = mark(shape.of, entry)
        if (marked !== entry) setOwn((out ??= { ...value }), key, marked)
      }
      return out ?? value
    }
    case 'model': {
      if (!isRecord(value)) return value
      let out: Record<string, unknown> | undefined
      for (const field of shape.fields) {
        const entry = value[field.key]
        if (entry === undefined || entry === null) continue
        const marked = mark(field.codec, entry)
        if (marked !== entry) (out ??= { ...value })[field.key] = marked
      }
      return out ?? value
    }
    case 'union': {
      if (!isRecord(value)) return value
      const tag = value[shape.tag]
      const member = typeof tag === 'string' ? shape.members.get(tag) : undefined
      return member === undefined ? value : mark(member, value)
    }
    default:
      return value
  }
}

/**
 * JSON text of a message (encoded by `encodeMessage`, or as received): like `JSON.stringify`,
 * except that an int64 field holding decimal text (an {@link Int64} beyond 2^53) is written as a
 * bare JSON number with the same digits, as Java writes a `long`. Anything that is not a message
 * (no known `type`) is written by `JSON.stringify` unchanged.
 */
export const stringifyMessage = (value: unknown): string => {
  const text = JSON.stringify(value) as string | undefined
  if (text === undefined) return 'null'
  // the common case: no int64 or instant slot holds text, so JSON.stringify's text is the answer
  if (!QUOTED.test(text)) return text
  const marked = mark(Message, value)
  return marked === value ? text : (JSON.stringify(marked) as string).replace(MARKED, '$1')
}

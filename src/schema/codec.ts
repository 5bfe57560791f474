import * as t from 'io-ts'
import { didYouMean } from './suggest.js'
import { type Problem, problem } from './problem.js'
import { stringIndex } from './string-index.js'
import { afterWarmUp } from './warm-up.js'

/**
 * The codec engine behind every schema value. Each codec is an io-ts `t.Type` (so `t.TypeOf`,
 * `.is`, `.decode` and `.encode` work as usual; `.decode` is strict) with three extras:
 *
 * - `check(u)`: a fast structural test, no allocation: true only when `u` is valid in strict mode
 *   AND decoding would hand it back unchanged. Decoding runs it first and falls back to
 *   `decodeAt` only for the branch that failed (measured ~3x faster than io-ts `validate`).
 * - `decodeAt(u, path, ctx)`: the full decoder, which reports problems with absolute JSON
 *   pointers and applies the lenient-mode rules (coercions, dropped entries, invalid items).
 * - `shape`: a description of the codec, used by the arbitraries in `src/testing`.
 */

export const FAIL: unique symbol = Symbol('firehose-kit/decode-failed')
export type Fail = typeof FAIL

/** The protocol's `DecodeContext`, as the codec of the same name decodes it. */
export interface DecodeContext {
  readonly strict: boolean
  /** Every problem met, tolerated or fatal, in document order. */
  readonly problems: Problem[]
  /**
   * Paths of int64 values that arrived as JSON numbers beyond 2^53 (already rounded by whoever
   * parsed the text): kept as they came, reported once per message by `decodeMessage`.
   */
  readonly inexact: string[]
}

/** Any `AnyCodec` of the protocol: a union of named interfaces, narrowed on its tag. */
export type AnyCodec = Codec<any, any>

/** The protocol's `Field`, as the codec of the same name decodes it. */
export interface Field {
  readonly key: string
  readonly codec: AnyCodec
  /** Required in the decoded type; missing fails the enclosing object in both modes. */
  readonly required: boolean
  /** Optional in the type, but marked required by the spec: strict fails, lenient reports. */
  readonly strictRequired: boolean
  /** Value written by the encoder when the field is absent (Java primitives "always" written). */
  readonly always?: unknown
  /** `NON_DEFAULT` booleans: written only when true. */
  readonly ifTrue: boolean
  /** Value used on decode when the field is absent or null (e.g. `events` → `[]`). */
  readonly orElse?: () => unknown
  /** Lenient mode, message level: a value of another JSON kind than this is fatal, not dropped. */
  readonly container?: 'array' | 'object'
}

/** Any `Shape` of the protocol: a union of named interfaces, narrowed on its tag. */
export type Shape =
  | { readonly kind: 'string'; readonly nonEmpty: boolean }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'integer'; readonly bits: 32 | 64 }
  | { readonly kind: 'number'; readonly decimal: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'boolOrString' }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'enum'; readonly values: ReadonlyArray<string> }
  | { readonly kind: 'instant' }
  | { readonly kind: 'nullable'; readonly of: AnyCodec }
  | { readonly kind: 'array'; readonly of: AnyCodec; readonly items: boolean }
  | { readonly kind: 'map'; readonly of: AnyCodec; readonly keys?: AnyCodec }
  | { readonly kind: 'model'; readonly fields: ReadonlyArray<Field> }
  | { readonly kind: 'union'; readonly tag: string; readonly members: ReadonlyMap<string, AnyCodec> }

export type DecodeAt<A> = (u: unknown, path: string, ctx: DecodeContext) => A | Fail

/** An io-ts type for one part of the protocol, with a fast check, lenient and strict decoding, and its shape. */
export class Codec<A, O = unknown> extends t.Type<A, O, unknown> {
  readonly expected: string
  readonly shape: Shape
  /** The fast path: true when `u` is valid as it is, strictly, and decoding would not change it. */
  readonly check: (u: unknown) => boolean
  readonly decodeAt: DecodeAt<A>

  constructor(
    name: string,
    spec: {
      expected: string
      shape: Shape
      check: (u: unknown) => boolean
      decodeAt: DecodeAt<A>
      encode: (a: A) => O
      is?: (u: unknown) => u is A
    },
  ) {
    const { decodeAt } = spec
    super(
      name,
      spec.is ?? (spec.check as (u: unknown) => u is A),
      (u, c) => {
        const ctx: DecodeContext = { strict: true, problems: [], inexact: [] }
        const result = decodeAt(u, '', ctx)
        return result === FAIL ? t.failures(ctx.problems.map((p) => ({ value: undefined, context: c, message: p.message }))) : t.success(result)
      },
      spec.encode,
    )
    this.expected = spec.expected
    this.shape = spec.shape
    this.check = spec.check
    this.decodeAt = decodeAt
  }
}

export const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/** Sets an own data property, so keys like `__proto__` stay data and never touch a prototype. */
export const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

export const copyRecord = (source: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source)) setOwn(out, key, source[key])
  return out
}

/** Records a problem that makes the value fail. */
export const fail = (ctx: DecodeContext, path: string, expected: string, value: unknown, hint?: string): Fail => {
  ctx.problems.push(problem(path, expected, value, hint))
  return FAIL
}

/**
 * Records a problem lenient mode tolerates (with what it did about it); returns whether decoding
 * may go on, i.e. false in strict mode.
 */
export const tolerate = (ctx: DecodeContext, path: string, expected: string, value: unknown, remedy: string): boolean => {
  const p = problem(path, expected, value)
  ctx.problems.push(ctx.strict ? p : { ...p, message: `${p.message} (${remedy})` })
  return !ctx.strict
}

// ---------------------------------------------------------------------------------------------
// Invalid items: what lenient mode keeps in place of an event, notification, profile or audience
// that could not be decoded.

/** The protocol's `InvalidItem`, as the codec of the same name decodes it. */
export interface InvalidItem {
  readonly invalid: true
  /**
   * Always absent: an invalid item has no decoded type, so `event.type === 'custom_event'` narrows
   * invalid items away. The type it was sent with is `rawType`.
   */
  readonly type?: undefined
  /** The item's `type` as received, when it had a string one. */
  readonly rawType?: string
  /** The item exactly as received. */
  readonly raw: unknown
  /** Why it could not be decoded (absolute paths); also listed in the message's problems. */
  readonly problems: ReadonlyArray<Problem>
}

/** True for an item lenient decoding kept in place because it did not decode. */
export const isInvalid = (x: unknown): x is InvalidItem => isRecord(x) && x.invalid === true && 'raw' in x && Array.isArray(x.problems)

const invalidItem = (raw: unknown, problems: ReadonlyArray<Problem>): InvalidItem => {
  const type = isRecord(raw) && typeof raw.type === 'string' ? raw.type : undefined
  return type === undefined ? { invalid: true, raw, problems } : { invalid: true, rawType: type, raw, problems }
}

// ---------------------------------------------------------------------------------------------
// Combinators. Each builds two predicates from its parts: `check` (fast path: strict-valid and
// needing no change) from their `check`, and io-ts `is` (a type guard on the decoded type) from
// their `is`. They differ only where decoding transforms (DSR `submitted_time`).

type Pick = (codec: AnyCodec) => (u: unknown) => boolean
const pickCheck: Pick = (codec) => codec.check
const pickIs: Pick = (codec) => codec.is
const guard = <A>(test: (u: unknown) => boolean): ((u: unknown) => u is A) => test as (u: unknown) => u is A

export const nullable = <C extends AnyCodec>(of: C): Codec<t.TypeOf<C> | null, t.OutputOf<C> | null> =>
  new Codec(`${of.name} | null`, {
    expected: `${of.expected} or null`,
    shape: { kind: 'nullable', of },
    check: (u) => u === null || of.check(u),
    is: guard((u) => u === null || of.is(u)),
    decodeAt: (u, path, ctx) => (u === null ? null : of.decodeAt(u, path, ctx)),
    encode: (a) => (a === null ? null : of.encode(a)),
  })

const arrayTest =
  (of: AnyCodec, pick: Pick) =>
  (u: unknown): boolean => {
    if (!Array.isArray(u)) return false
    const test = pick(of)
    for (let i = 0; i < u.length; i++) if (!test(u[i])) return false
    return true
  }

/**
 * A list of plain values (identities, settings, products, strings...). In lenient mode an item that
 * fails to decode is dropped and reported; the rest of the list survives. Strict mode fails.
 */
export const array = <C extends AnyCodec>(of: C): Codec<ReadonlyArray<t.TypeOf<C>>, unknown[]> =>
  new Codec(`Array<${of.name}>`, {
    expected: `array of ${of.expected}`,
    shape: { kind: 'array', of, items: false },
    check: arrayTest(of, pickCheck),
    is: guard(arrayTest(of, pickIs)),
    decodeAt: (u, path, ctx) => {
      if (!Array.isArray(u)) return fail(ctx, path, `array of ${of.expected}`, u)
      let out: unknown[] | undefined
      let dropped: Set<number> | undefined
      let failed = false
      for (let i = 0; i < u.length; i++) {
        const item: unknown = u[i]
        if (of.check(item)) continue
        const decoded = of.decodeAt(item, `${path}/${i}`, ctx)
        if (decoded === FAIL) {
          if (ctx.strict) failed = true
          else {
            ;(dropped ??= new Set()).add(i)
            markLast(ctx, '(item dropped)')
          }
        } else if (decoded !== item) (out ??= u.slice())[i] = decoded
      }
      if (failed) return FAIL
      const kept = dropped === undefined ? (out ?? u) : (out ?? u).filter((_, i) => !dropped.has(i))
      return kept as ReadonlyArray<t.TypeOf<C>>
    },
    encode: (a) => a.map((item) => of.encode(item)),
  })

/**
 * An array of independent items (events, notifications, profiles, audiences). In lenient mode an
 * item that fails to decode is kept in place as an {@link InvalidItem}; strict mode fails.
 */
export const itemArray = <C extends AnyCodec>(of: C): Codec<ReadonlyArray<t.TypeOf<C> | InvalidItem>, unknown[]> =>
  new Codec(`Array<${of.name}>`, {
    expected: `array of ${of.expected}`,
    shape: { kind: 'array', of, items: true },
    check: arrayTest(of, pickCheck),
    is: guard((u) => Array.isArray(u) && u.every((item) => isInvalid(item) || of.is(item))),
    decodeAt: (u, path, ctx) => {
      if (!Array.isArray(u)) return fail(ctx, path, `array of ${of.expected}`, u)
      let out: unknown[] | undefined
      let failed = false
      for (let i = 0; i < u.length; i++) {
        const item: unknown = u[i]
        if (of.check(item)) continue
        const first = ctx.problems.length
        const decoded = of.decodeAt(item, `${path}/${i}`, ctx)
        if (decoded === FAIL) {
          if (ctx.strict) failed = true
          else (out ??= u.slice())[i] = invalidItem(item, ctx.problems.slice(first))
        } else if (decoded !== item) (out ??= u.slice())[i] = decoded
      }
      return failed ? FAIL : ((out ?? u) as ReadonlyArray<t.TypeOf<C> | InvalidItem>)
    },
    encode: (a) => a.map((item) => (isInvalid(item) ? item.raw : of.encode(item))),
  })

/**
 * A JSON object used as a map (`user_attributes`, `account_settings`, `custom_flags`, ...). Keys
 * are kept verbatim as own data properties. In lenient mode an entry whose value (or key, when
 * `keys` restricts them) is bad is dropped and reported; the rest of the map survives.
 */
export type MapOf<K extends string, V> = string extends K ? Readonly<Record<string, V>> : Readonly<Partial<Record<K, V>>>

export const map = <C extends AnyCodec, K extends string = string>(of: C, keys?: Codec<K, K>): Codec<MapOf<K, t.TypeOf<C>>, Record<string, unknown>> => {
  const keepNulls = of.shape.kind === 'nullable'
  // `check` walks the keys with `for...in`, not `Object.keys`: no array per map (a third of a
  // batch's allocations were these arrays). It also visits inherited enumerable keys, which can only
  // make it fail where `Object.keys` would pass: decoding then takes the full path, which reads own
  // keys only, so the result is the same. `is` (the public type guard) keeps `Object.keys`.
  const ofCheck = of.check
  const ofIs = of.is
  const check = (u: unknown): boolean => {
    if (!isRecord(u)) return false
    for (const key in u) {
      if (keys !== undefined && !keys.check(key)) return false
      if (!ofCheck(u[key])) return false
    }
    return true
  }
  const is = (u: unknown): boolean => {
    if (!isRecord(u)) return false
    for (const key of Object.keys(u)) {
      if (keys !== undefined && !keys.check(key)) return false
      if (!ofIs(u[key])) return false
    }
    return true
  }
  return new Codec(`Record<string, ${of.name}>`, {
    expected: `object of ${of.expected}`,
    shape: keys === undefined ? { kind: 'map', of } : { kind: 'map', of, keys },
    check,
    is: guard(is),
    decodeAt: (u, path, ctx) => {
      if (!isRecord(u)) return fail(ctx, path, `object of ${of.expected}`, u)
      const out: Record<string, unknown> = {}
      let failed = false
      for (const key of Object.keys(u)) {
        const at = `${path}/${escapeToken(key)}`
        if (keys !== undefined && !keys.check(key)) {
          ctx.problems.push(unknownKey(at, keys.expected, ctx.strict))
          if (ctx.strict) failed = true
          continue
        }
        const value = u[key]
        const decoded = of.check(value) ? value : of.decodeAt(value, at, ctx)
        if (decoded === FAIL) {
          if (ctx.strict) failed = true
          else markLast(ctx, '(entry dropped)')
          continue
        }
        setOwn(out, key, decoded)
      }
      return failed ? FAIL : (out as MapOf<K, t.TypeOf<C>>)
    },
    encode: (a) => {
      const out: Record<string, unknown> = {}
      const source = a as Record<string, unknown>
      for (const key of Object.keys(source)) {
        const value = source[key]
        if (value === undefined || (value === null && !keepNulls)) continue
        setOwn(out, key, of.encode(value))
      }
      return out
    },
  })
}

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')

const unknownKey = (path: string, expected: string, strict: boolean): Problem => ({
  path,
  expected,
  actual: 'unknown key',
  message: `${path}: expected ${expected} as key, found an unknown key${strict ? '' : ' (entry dropped)'}`,
})

// ---------------------------------------------------------------------------------------------
// Objects with a fixed set of fields

export interface FieldOptions {
  /** The spec marks it required (`R`) but lenient decoding tolerates its absence. */
  readonly strict?: boolean
  readonly always?: unknown
  readonly ifTrue?: boolean
  readonly container?: 'array' | 'object'
}

export interface ReqField<C extends AnyCodec> {
  readonly codec: C
  readonly required: true
  readonly options: FieldOptions & { readonly orElse?: () => unknown }
}
export interface OptField<C extends AnyCodec> {
  readonly codec: C
  readonly required: false
  readonly options: FieldOptions
}
export type FieldSpec = ReqField<AnyCodec> | OptField<AnyCodec>
export type Props = Record<string, FieldSpec>

export const req = <C extends AnyCodec>(codec: C, options: ReqField<C>['options'] = {}): ReqField<C> => ({
  codec,
  required: true,
  options,
})
export const opt = <C extends AnyCodec>(codec: C, options: FieldOptions = {}): OptField<C> => ({
  codec,
  required: false,
  options,
})

type RequiredKeys<P extends Props> = { [K in keyof P]: P[K] extends ReqField<AnyCodec> ? K : never }[keyof P]
type Simplify<T> = { [K in keyof T]: T[K] } & {}
export type TypeOfProps<P extends Props> = Simplify<
  { readonly [K in RequiredKeys<P>]: t.TypeOf<P[K]['codec']> } & {
    readonly [K in Exclude<keyof P, RequiredKeys<P>>]?: t.TypeOf<P[K]['codec']>
  }
>

const omitsWhenEmpty = (codec: AnyCodec): boolean => {
  const kind = codec.shape.kind
  return kind === 'string' || kind === 'array' || kind === 'map'
}

const isNonEmptyString = (codec: AnyCodec): boolean => codec.shape.kind === 'string' && codec.shape.nonEmpty

const isEmptyEncoded = (value: unknown): boolean => value === '' || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0)

/**
 * A model's `check` (the fast path every valid object takes), written out per model with its field
 * names as literals: `u["timestamp_ms"]` has an inline cache of its own, which stays monomorphic
 * for the objects `JSON.parse` makes for one kind of message or event, where one loop over
 * `u[f.key]` shares a single megamorphic load among every field of every model (the profile of a
 * 100-event message put these checks at 18% of its samples). The same test as the loop it
 * replaces: a missing required field fails, a present field must pass its codec's check. The
 * source is made once per model from the schema's own field names (quoted with JSON.stringify),
 * never from input.
 */
const compiledCheck = (fields: ReadonlyArray<Field>): ((u: unknown) => boolean) => {
  const steps = fields.map((f, i) => {
    const missing = f.required || f.strictRequired ? 'return false' : ''
    return `v = u[${JSON.stringify(f.key)}]; if (v === undefined) { ${missing} } else if (!c${i}.check(v)) return false`
  })
  const body = `return function check(u) { if (!isRecord(u)) return false; let v; ${steps.join('; ')}; return true }`
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is the schema's own field names, never input (see above)
  const make = new Function('isRecord', ...fields.map((_, i) => `c${i}`), body) as (...args: unknown[]) => (u: unknown) => boolean
  return make(isRecord, ...fields.map((f) => f.codec))
}

/**
 * A plain loop over the fields for a process's first calls (see `afterWarmUp`), then the compiled
 * check. Both answer the same (test/schema/compiled-check.test.ts).
 */
const compileCheck = (fields: ReadonlyArray<Field>, codec: () => AnyCodec): ((u: unknown) => boolean) => {
  const loop = (u: unknown): boolean => {
    if (!isRecord(u)) return false
    for (const f of fields) {
      const v = u[f.key]
      if (v === undefined) {
        if (f.required || f.strictRequired) return false
      } else if (!f.codec.check(v)) return false
    }
    return true
  }
  return compileAfterCalls(loop, () => compiledCheck(fields), codec)
}

/**
 * `loop` for a process's first calls, then what `compile` makes, which replaces the codec's own
 * `check`: later calls, and the checks of models compiled after it (they call `c.check(v)`), skip
 * the wrapper and its count.
 */
const compileAfterCalls = (loop: (u: unknown) => boolean, compile: () => (u: unknown) => boolean, codec: () => AnyCodec): ((u: unknown) => boolean) =>
  afterWarmUp(loop, compile, (compiled) => void ((codec() as { check: (u: unknown) => boolean }).check = compiled))

/**
 * An object with known fields. Unknown keys are not checked and are kept as they came (the
 * encoder writes known fields only). In lenient mode an optional field that fails is dropped and
 * reported instead of failing the whole object, at every depth (`tolerant: false` turns that off);
 * a field with a `container` whose value is of another JSON kind still fails the object.
 */
export const model = <P extends Props>(name: string, props: P, options: { readonly tolerant?: boolean } = {}): Codec<TypeOfProps<P>, Record<string, unknown>> => {
  const fields: Field[] = Object.keys(props).map((key) => {
    const spec = props[key]
    const o = spec.options as ReqField<AnyCodec>['options']
    return {
      key,
      codec: spec.codec,
      required: spec.required,
      strictRequired: o.strict === true,
      ifTrue: o.ifTrue === true,
      ...(o.always !== undefined ? { always: o.always } : {}),
      ...(o.orElse !== undefined ? { orElse: o.orElse } : {}),
      ...(o.container !== undefined ? { container: o.container } : {}),
    }
  })
  // required fields are written even when empty (what was decoded can be sent back), except those
  // with a decode default (`events`), which Java omits when empty, and non-empty strings, which
  // Java (`NON_EMPTY`) never writes as ""
  const omitEmpty = fields.map((f) => (!f.required || f.orElse !== undefined || isNonEmptyString(f.codec)) && omitsWhenEmpty(f.codec))
  const tolerant = options.tolerant !== false

  let self: AnyCodec | undefined
  const check = compileCheck(fields, () => self!)
  const is = (u: unknown): boolean => {
    if (!isRecord(u)) return false
    for (const f of fields) {
      const value = u[f.key]
      if (value === undefined ? f.required : !f.codec.is(value)) return false
    }
    return true
  }

  const decodeAt: DecodeAt<TypeOfProps<P>> = (u, path, ctx) => {
    if (!isRecord(u)) return fail(ctx, path, `object (${name})`, u)
    let out: Record<string, unknown> | undefined
    let failed = false
    for (const f of fields) {
      const value = u[f.key]
      const at = `${path}/${f.key}`
      if (value === undefined || value === null) {
        if (f.orElse !== undefined) (out ??= copyRecord(u))[f.key] = f.orElse()
        else if (f.required) {
          fail(ctx, at, f.codec.expected, value)
          failed = true
        } else {
          if (value === null) delete (out ??= copyRecord(u))[f.key]
          if (f.strictRequired && !tolerate(ctx, at, f.codec.expected, value, 'spec requires it')) failed = true
        }
        continue
      }
      if (f.codec.check(value)) continue
      const decoded: unknown = f.codec.decodeAt(value, at, ctx)
      if (decoded === FAIL) {
        const wrongContainer = f.container !== undefined && kindOfContainer(value) !== f.container
        if (!ctx.strict && tolerant && !f.required && !wrongContainer) {
          delete (out ??= copyRecord(u))[f.key]
          markDropped(ctx)
        } else failed = true
        continue
      }
      if (decoded !== value) (out ??= copyRecord(u))[f.key] = decoded
    }
    return failed ? FAIL : ((out ?? u) as TypeOfProps<P>)
  }

  const encode = (a: TypeOfProps<P>): Record<string, unknown> => {
    const source = a as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]
      const value = source[f.key]
      if (value === undefined || value === null) {
        if (f.always !== undefined) out[f.key] = f.always
        continue
      }
      if (f.ifTrue) {
        if (value === true) out[f.key] = true
        continue
      }
      const encoded: unknown = f.codec.encode(value)
      if (omitEmpty[i] && f.always === undefined && isEmptyEncoded(encoded)) continue
      out[f.key] = encoded
    }
    return out
  }

  return (self = new Codec(name, { expected: `object (${name})`, shape: { kind: 'model', fields }, check, is: guard(is), decodeAt, encode }))
}

const kindOfContainer = (u: unknown): string => (Array.isArray(u) ? 'array' : isRecord(u) ? 'object' : typeof u)

const markDropped = (ctx: DecodeContext): void => markLast(ctx, '(field dropped)')

/** Says on the last problem what lenient mode did about it (once: an outer drop does not repeat it). */
const markLast = (ctx: DecodeContext, remedy: string): void => {
  const last = ctx.problems[ctx.problems.length - 1]
  if (last !== undefined && !/\((field|item|entry) dropped\)$/.test(last.message)) {
    ctx.problems[ctx.problems.length - 1] = { ...last, message: `${last.message} ${remedy}` }
  }
}

// ---------------------------------------------------------------------------------------------
// Discriminated unions: one table lookup on the tag, then the member's own codec.

export const taggedUnion = <M extends Record<string, AnyCodec>>(
  name: string,
  tag: string,
  members: M,
  expectedTag: string,
): Codec<t.TypeOf<M[keyof M]>, Record<string, unknown>> => {
  const table = new Map<string, AnyCodec>(Object.keys(members).map((key) => [key, members[key]]))
  // A compiled switch over the tags rather than `table.get`: see `stringIndex`.
  const codecs = [...table.values()]
  const indexOf = stringIndex([...table.keys()])
  const lookup = (u: Record<string, unknown>): AnyCodec | undefined => {
    const value = u[tag]
    if (typeof value !== 'string') return undefined
    const index = indexOf(value)
    return index < 0 ? undefined : codecs[index]
  }
  const loop = (u: unknown): boolean => {
    if (!isRecord(u)) return false
    const member = lookup(u)
    return member !== undefined && member.check(u)
  }
  let self: AnyCodec | undefined
  return (self = new Codec(name, {
    expected: `object (${name})`,
    shape: { kind: 'union', tag, members: table },
    check: compileAfterCalls(
      loop,
      () => compiledUnionCheck(tag, table),
      () => self!,
    ),
    is: guard((u) => {
      if (!isRecord(u)) return false
      const member = lookup(u)
      return member !== undefined && member.is(u)
    }),
    decodeAt: (u, path, ctx) => {
      if (!isRecord(u)) return fail(ctx, path, `object (${name})`, u)
      const member = lookup(u)
      if (member === undefined) return fail(ctx, `${path}/${tag}`, expectedTag, u[tag], didYouMean(u[tag], [...table.keys()]))
      return member.decodeAt(u, path, ctx)
    },
    encode: (a) => {
      const member = lookup(a as Record<string, unknown>)
      return member === undefined ? { ...(a as Record<string, unknown>) } : member.encode(a)
    },
  }))
}

/**
 * A union's `check` written out as a `switch` on the tag, one case per member calling that member's
 * `check`: each call site then sees a single member, which the optimising compiler can inline,
 * where the loop's one `member.check(u)` sees all 16 event types (a megamorphic call) after a
 * `lookup`. The same test: a tag that is not one of the members' (or not a string) fails. Made from
 * the schema's own tags (quoted with JSON.stringify), never from input.
 */
const compiledUnionCheck = (tag: string, table: ReadonlyMap<string, AnyCodec>): ((u: unknown) => boolean) => {
  const members = [...table.values()]
  const cases = [...table.keys()].map((key, i) => `case ${JSON.stringify(key)}: return c${i}.check(u)`)
  const body = `return function check(u) { if (!isRecord(u)) return false; switch (u[${JSON.stringify(tag)}]) { ${cases.join('; ')}; default: return false } }`
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is the schema's own tags, never input (see above)
  const make = new Function('isRecord', ...members.map((_, i) => `c${i}`), body) as (...args: unknown[]) => (u: unknown) => boolean
  return make(isRecord, ...members)
}

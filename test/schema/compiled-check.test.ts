import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { model, opt, req, taggedUnion } from '../../src/schema/codec.js'
import { double, enumOf, literal, str, uuid } from '../../src/schema/primitives.js'
import { stringIndex } from '../../src/schema/string-index.js'

// A model's check, and a string index, answer with a plain loop for their first calls and with
// compiled code after (cold starts): both stages must give the same answers.
const CALLS = 600

const inner = model('Inner', { name: req(str), weight: opt(double) })
const outer = model('Outer', {
  id: req(uuid),
  kind: req(enumOf('Kind', ['a', 'b'])),
  label: opt(str, { strict: true }),
  inner: opt(inner),
})

const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.double(),
  fc.boolean(),
  fc.constant('3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c44'),
  fc.constantFrom('a', 'b', 'c'),
)
const record = <K extends string>(keys: ReadonlyArray<K>) => fc.dictionary(fc.constantFrom(...keys), value)
const candidate = fc.oneof(
  value,
  fc.array(value),
  fc.tuple(record(['id', 'kind', 'label', 'x']), fc.option(record(['name', 'weight', 'y']), { nil: undefined })).map(([o, i]) => (i === undefined ? o : { ...o, inner: i })),
  fc.record({
    id: fc.constant('3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c44'),
    kind: fc.constantFrom('a', 'b'),
    label: fc.option(fc.string(), { nil: undefined }),
    inner: fc.record({ name: fc.string() }),
  }),
)

describe('compiled on use', () => {
  it("a model's check answers the same before and after it is compiled", () => {
    const inputs = fc.sample(candidate, { numRuns: CALLS, seed: 11 })
    const before = inputs.map((u) => outer.check(u))
    const after = inputs.map((u) => outer.check(u))
    expect(after).toEqual(before)
    expect(before.filter(Boolean).length).toBeGreaterThan(0)
    expect(before.filter((ok) => !ok).length).toBeGreaterThan(0)
    // Compiled by now: the codec's own check was replaced by the compiled function.
    expect(outer.check.name).toBe('check')
  })

  it("a union's check answers the same before and after it is compiled", () => {
    const first = model('First', { kind: req(literal('first')), id: req(uuid) })
    const second = model('Second', { kind: req(literal('second')), name: opt(str) })
    const union = taggedUnion('Either', 'kind', { first, second }, 'first or second')
    const tagged = fc.record({ kind: fc.oneof(fc.constantFrom('first', 'second', 'third', 'toString'), value), id: value, name: value }, { requiredKeys: [] })
    const inputs = fc.sample(fc.oneof(candidate, tagged), { numRuns: CALLS, seed: 11 })
    const loop = (u: unknown): boolean => {
      const tag = u !== null && typeof u === 'object' && !Array.isArray(u) ? (u as { kind?: unknown }).kind : undefined
      return tag === 'first' ? first.check(u) : tag === 'second' ? second.check(u) : false
    }
    expect(inputs.map((u) => union.check(u))).toEqual(inputs.map(loop))
    expect(inputs.map((u) => union.check(u))).toEqual(inputs.map(loop))
    expect(inputs.filter(loop).length).toBeGreaterThan(0)
    // Compiled by now: the codec's own check was replaced by the compiled function.
    expect(union.check.name).toBe('check')
  })

  it("an enum's check answers as membership in its values, before and after its index is compiled", () => {
    const values = ['add', 'delete', 'update']
    const kind = enumOf('Action', values)
    const inputs = fc.sample(fc.oneof(fc.constantFrom(...values, 'Add', 'toString', ''), value), { numRuns: CALLS, seed: 11 })
    expect(inputs.map((u) => kind.check(u))).toEqual(inputs.map((u) => typeof u === 'string' && values.includes(u)))
  })

  it('a string index answers as indexOf before and after it is compiled', () => {
    const keys = ['custom_event', 'screen_view', 'session_start', '']
    const indexOf = stringIndex(keys)
    const inputs = fc.sample(fc.oneof(fc.constantFrom(...keys), fc.string()), { numRuns: CALLS, seed: 11 })
    expect(inputs.map((text) => indexOf(text))).toEqual(inputs.map((text) => keys.indexOf(text)))
    expect(inputs.map((text) => indexOf(text))).toEqual(inputs.map((text) => keys.indexOf(text)))
  })
})

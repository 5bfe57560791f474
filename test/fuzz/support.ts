import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { javaFixture, javaFixtureNames, sharedAvailable, sharedText } from '../support/shared.js'

/**
 * The fuzz suite's shared parts: a seeded generator, the corpus (mParticle's Java fixtures and the
 * Java-generated messages read in place from ../shared, this repository's schema fixtures and the
 * Iterable example's), structure-aware mutations, and the regression store. Everything is decided
 * by the seed (`FUZZ_SEED`, default fixed), so a run is reproducible and a failure can be replayed.
 */

export const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202)
/** Messages per target; `FUZZ_SCALE=0.1` for a quick local run. */
export const SCALE = Number(process.env.FUZZ_SCALE ?? 1)

/** mulberry32: small, fast and good enough to pick mutations. */
export const rng = (seed: number) => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (max: number): number => Math.floor(next() * max)
  const pick = <A>(list: ReadonlyArray<A>): A => list[int(list.length)]!
  return { next, int, pick, chance: (p: number): boolean => next() < p }
}
export type Rng = ReturnType<typeof rng>

const here = fileURLToPath(new URL('.', import.meta.url))
const root = join(here, '../..')

const readJsonDir = (dir: string): unknown[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown)
    : []

/**
 * The longest log line a fuzzed message may cause. The logger clips strings and keys past 2,000
 * characters in a line past 16 KB, and the SDK lists at most 20 problems of 1,000 characters each.
 */
export const MAX_LINE = 50_000

/** Every seed message: Java SDK fixtures, Java-generated messages, own schema fixtures, the Iterable example's. */
export const corpus = (): unknown[] => {
  const messages: unknown[] = [...readJsonDir(join(root, 'test/fixtures/schema')), ...readJsonDir(join(root, 'examples/iterable/fixtures'))]
  if (sharedAvailable) {
    for (const name of javaFixtureNames()) messages.push(javaFixture(name))
    for (const line of sharedText('fixtures/java-generated/messages.jsonl').split('\n')) if (line.trim() !== '') messages.push(JSON.parse(line))
  }
  return messages.filter((message) => message !== null && typeof message === 'object' && typeof (message as { type?: unknown }).type === 'string')
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Slot = { parent: Record<string, Json> | Json[]; key: string | number; depth: number }

/** Every place in a JSON tree a mutation can hit (at most `limit`, breadth first so top-level keys are always there). */
const slots = (root: Json, limit = 2_000): Slot[] => {
  const out: Slot[] = []
  const queue: Array<{ value: Json; depth: number }> = [{ value: root, depth: 0 }]
  while (queue.length > 0 && out.length < limit) {
    const { value, depth } = queue.shift()!
    if (Array.isArray(value)) {
      value.forEach((child, key) => {
        out.push({ parent: value, key, depth: depth + 1 })
        queue.push({ value: child, depth: depth + 1 })
      })
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        out.push({ parent: value, key, depth: depth + 1 })
        queue.push({ value: value[key]!, depth: depth + 1 })
      }
    }
  }
  return out
}

const TYPES = [
  'event_processing_request',
  'audience_membership_change_request',
  'audience_subscription_request',
  'dsr_processing_request',
  'module_registration_request',
  'event_processing_response',
  'custom_event',
  'screen_view',
  'session_start',
  'push_message_receipt',
  'commerce_event',
  'user_attribute_change',
  'not_a_type',
  '',
  'CUSTOM_EVENT',
]
const NUMBERS = [0, -0, 1, -1, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1.5, 0.1, 2 ** 53 + 1, 1e21, 1.2345678901234568e20]
const STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '💥', 'null', 'true', '1e400', '-', 'NaN', '<script>', '%00', '../..', 'é'.repeat(10), '\u202e']
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'type', 'id', 'events', 'data', '__defineGetter__']

const setOwn = (target: Record<string, Json>, key: string, value: Json): void => {
  // defineProperty: `__proto__` becomes an own key, as JSON.parse makes it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** A copy of a value; one nested past the stack's reach copies as a shallow nesting instead. */
const clone = (value: Json): Json => {
  try {
    return structuredClone(value)
  } catch {
    return deep(100)
  }
}

const deep = (depth: number, leaf: Json = 1): Json => {
  let value: Json = leaf
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { x: value } : [value]
  return value
}

/** A random replacement value of another kind (retyping). */
const randomValue = (r: Rng): Json => {
  switch (r.int(10)) {
    case 0:
      return null
    case 1:
      return r.chance(0.5)
    case 2:
      return r.pick(NUMBERS)
    case 3:
      return r.pick(STRINGS)
    case 4:
      return r.pick(TYPES)
    case 5:
      return 'x'.repeat(r.chance(0.1) ? 200_000 : 2_000)
    case 6:
      return []
    case 7:
      return {}
    case 8:
      return [r.pick(STRINGS), r.pick(NUMBERS)]
    default:
      return { [r.pick(KEYS)]: r.pick(STRINGS) }
  }
}

/** One structure-aware mutation, in place. Returns what it did, for the failure report. */
const mutateOnce = (root: Json, r: Rng): string => {
  const all = slots(root)
  if (all.length === 0) return 'none'
  const slot = r.pick(all)
  const { parent, key } = slot
  const own = (slot: Slot): Json => (Object.prototype.hasOwnProperty.call(slot.parent, slot.key) ? ((slot.parent as Record<string, Json>)[slot.key as string] ?? null) : null)
  const get = (): Json => own(slot)
  const set = (value: Json): void => {
    if (Array.isArray(parent)) parent[key as number] = value
    else setOwn(parent, key as string, value)
  }
  const op = r.int(16)
  switch (op) {
    case 0: // drop
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key as string]
      return `drop ${key}`
    case 1: // duplicate
      if (Array.isArray(parent)) parent.splice(key as number, 0, clone(get()))
      else setOwn(parent, `${key}_copy`, clone(get()))
      return `duplicate ${key}`
    case 2: // retype
    case 3:
      set(randomValue(r))
      return `retype ${key}`
    case 4: // null
      set(null)
      return `null ${key}`
    case 5: // re-nest
      set(r.chance(0.5) ? [get()] : { value: get() })
      return `re-nest ${key}`
    case 6: // unknown type / enum value
      set(r.chance(0.5) ? r.pick(TYPES) : `unknown_${r.int(1000)}`)
      return `enum ${key}`
    case 7: // huge and tiny numbers
      set(r.pick(NUMBERS))
      return `number ${key}`
    case 8: // long strings
      set('ü'.repeat(r.chance(0.05) ? 300_000 : 5_000))
      return `long ${key}`
    case 9: // NUL and lone surrogates
      set(`${((v) => (typeof v === 'string' ? v : ''))(get()).slice(0, 50)}${r.pick(['\u0000', '\ud800', '\udc00', '\u0000\ud83d'])}`)
      return `control ${key}`
    case 10: // deep nesting
      set(deep(r.chance(0.1) ? 10_000 : 50 + r.int(500)))
      return `deep ${key}`
    case 11: // prototype keys
    case 12: {
      const target = get()
      const name = r.pick(['__proto__', 'constructor', 'prototype'])
      const value: Json = r.pick<Json>([{ polluted: 'yes' }, 'yes', null, { toString: 'x' }, []])
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target, name, value)
      else if (!Array.isArray(parent)) setOwn(parent, name, value)
      return `proto ${name} at ${key}`
    }
    case 13: // unknown key
      if (!Array.isArray(parent)) setOwn(parent, r.pick(KEYS) + r.int(10), randomValue(r))
      return `unknown key near ${key}`
    case 14: // empty container
      set(Array.isArray(get()) ? [] : {})
      return `empty ${key}`
    default: // swap with another slot's value
      set(clone(own(r.pick(all))))
      return `swap ${key}`
  }
}

/** A mutated copy of `seed` after 1 to 4 mutations, as JSON text (what a transport receives) and parsed. */
export const mutate = (seed: unknown, r: Rng): { text: string; value: unknown; ops: string[] } => {
  const root = clone(seed as Json)
  const ops: string[] = []
  const count = 1 + r.int(4)
  for (let i = 0; i < count; i++) ops.push(mutateOnce(root, r))
  let text: string
  try {
    text = JSON.stringify(root)
  } catch {
    // A value nested past JSON.stringify's stack: keep it as a value (direct invocation gets objects, not text).
    return { text: '', value: root, ops }
  }
  return { text, value: JSON.parse(text), ops }
}

/** Random JSON values from fast-check, seeded. */
export const randomJson = (count: number, seed: number): unknown[] =>
  fc.sample(
    fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.record(
        { type: fc.constantFrom(...TYPES), id: fc.oneof(fc.uuid(), fc.integer()), events: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }) },
        { requiredKeys: [] },
      ),
    ),
    { seed, numRuns: count },
  )

// ---------------------------------------------------------------------------------------------
// Regressions: a failing input is saved and replayed by regressions.test.ts.

export const regressionsDir = join(here, 'regressions')

export interface Regression {
  readonly target: string
  readonly input: unknown
  readonly problem: string
}

/** Saves a failing input once (named by its digest) and returns the file name. */
export const saveRegression = (regression: Regression): string => {
  let text: string
  try {
    text = JSON.stringify(regression, null, 1)
  } catch {
    text = JSON.stringify({ ...regression, input: '[not serialisable: nested too deeply]' }, null, 1)
  }
  const name = `${regression.target.replace(/[^a-z0-9-]+/gi, '-')}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.json`
  mkdirSync(regressionsDir, { recursive: true })
  writeFileSync(join(regressionsDir, name), text)
  return name
}

export const savedRegressions = (): Array<Regression & { file: string }> =>
  existsSync(regressionsDir)
    ? readdirSync(regressionsDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((file) => ({ ...(JSON.parse(readFileSync(join(regressionsDir, file), 'utf8')) as Regression), file }))
    : []

/** What Object.prototype looks like before fuzzing: compared after every batch. */
export const prototypeSnapshot = (): string => JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) + String(({} as Record<string, unknown>).polluted)

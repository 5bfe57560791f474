import { isDeepStrictEqual } from 'node:util'
import { expect, it } from 'vitest'
import { describeShared, sharedAvailable, sharedText } from '../support/shared.js'
import { INT64_KEYS, decodeMessage, encodeMessage, instant, parseMessageText, stringifyMessage } from '../../src/schema/index.js'

/**
 * Conformance with messages written by the Java SDK's own serializer from random values
 * (../shared/fixtures/java-generated, read in place): every line decodes strictly with no
 * problems and re-encodes to the same values: int64 integers digit for digit, decimals as numbers,
 * `submitted_time` as the instant Java reads (to the millisecond, toward the past).
 */
const lines = (): string[] =>
  sharedAvailable
    ? sharedText('fixtures/java-generated/messages.jsonl')
        .split('\n')
        .filter((line) => line.trim() !== '')
    : []

/** Every `"<int64 key>":<integer>` pair of a JSON text, as written, sorted. */
const int64Literals = (text: string): string[] =>
  [...text.matchAll(new RegExp(`"(${INT64_KEYS.join('|')})"\\s*:\\s*(-?\\d+)(?![.eE\\d])`, 'g'))].map((m) => `${m[1]}=${m[2]}`).sort()

/**
 * The JSON value with every `submitted_time` read as epoch milliseconds (the instant Java reads),
 * and -0 (Java writes doubles as `-0.0`; JSON.stringify cannot) compared as the number 0.
 */
const instants = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(instants)
  if (Object.is(value, -0)) return 0
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    const read = key === 'submitted_time' ? instant.decode(entry) : undefined
    Object.defineProperty(out, key, { value: read?._tag === 'Right' ? read.right : instants(entry), enumerable: true, writable: true, configurable: true })
  }
  return out
}

describeShared('conformance with Java-written messages (../shared/fixtures/java-generated/messages.jsonl)', () => {
  it('has 800 messages of all 10 types', () => {
    const all = lines()
    expect(all).toHaveLength(800)
    expect(new Set(all.map((line) => (JSON.parse(line) as { type: string }).type)).size).toBe(10)
  })

  it('every line decodes in strict mode with no problems', () => {
    const failures: string[] = []
    lines().forEach((line, index) => {
      const result = decodeMessage(parseMessageText(line), { mode: 'strict' })
      if (result._tag === 'Left') failures.push(`line ${index + 1}: ${result.left.message}`)
      else if (result.right.problems.length > 0) failures.push(`line ${index + 1}: ${result.right.problems.map((p) => p.message).join('; ')}`)
    })
    expect(failures).toEqual([])
  })

  it('every line re-encodes to the same values (int64 digit for digit, decimals as numbers, instants as Java reads them)', () => {
    const failures: string[] = []
    lines().forEach((line, index) => {
      const input = parseMessageText(line)
      const result = decodeMessage(input, { mode: 'strict' })
      if (result._tag === 'Left') return void failures.push(`line ${index + 1}: does not decode`)
      const text = stringifyMessage(encodeMessage(result.right.message))
      // every integer Java wrote at an int64 key is written back with the same digits (a double
      // setting value Java wrote as `0.0` is written `0`, hence inclusion, not equality)
      const written = int64Literals(text)
      for (const literal of int64Literals(line)) {
        const at = written.indexOf(literal)
        if (at < 0) failures.push(`line ${index + 1}: ${literal.split('=')[0]} not written back digit for digit`)
        else written.splice(at, 1)
      }
      // node's deep equality: vitest's own trips over keys such as "hasOwnProperty", which the fixture has
      if (!isDeepStrictEqual(instants(parseMessageText(text)), instants(parseMessageText(line)))) failures.push(`line ${index + 1}: values differ`)
    })
    expect(failures.slice(0, 5)).toEqual([])
  })

  it('the Java-written int64 values beyond 2^53 (session ids, timestamps) are in the fixture, and reach the decoded message as exact text', () => {
    const unsafe = lines()
      .flatMap((line) => int64Literals(line))
      .filter((pair) => !Number.isSafeInteger(Number(pair.split('=')[1])))
    expect(unsafe.length).toBeGreaterThan(100)
    const line = lines().find((l) => /"session_id":-?\d{17,}/.test(l))!
    const digits = /"session_id":(-?\d{17,})/.exec(line)![1]
    expect(JSON.stringify(parseMessageText(line))).toContain(`"session_id":"${digits}"`)
  })
})

import { describe, expect, it } from 'vitest'
import { decodeMessage, type DecodeFailure, type Problem } from '../../src/schema/index.js'
import { failed, ownFixture, paths, uid } from './support.js'

const SECRET = 'sk_live_51HqLyjWDarjtT1zdp7dcPLA1mU'
const envelope = { type: 'event_processing_request', id: uid('req-1'), timestamp_ms: 1714592744066, firehose_version: '3.2.0', account: { account_id: 1 } }

const mentionsSecret = (problems: ReadonlyArray<Problem>, failure?: DecodeFailure): boolean =>
  JSON.stringify(problems).includes(SECRET) || (failure !== undefined && failure.message.includes(SECRET))

describe('bad input gets a clear failure, never a throw', () => {
  it('names the path, what was expected and what kind of value was found (strict)', () => {
    const failure = failed({ ...envelope, events: [{ type: 'custom_event', id: uid('e'), timestamp_ms: 1, name: 12 }] }, { mode: 'strict' })
    expect(failure.problems).toEqual([
      { path: '/events/0/name', expected: 'non-empty string', actual: 'number', message: '/events/0/name: expected non-empty string, found number' },
    ])
    expect(failure.message).toBe('could not decode event_processing_request: /events/0/name: expected non-empty string, found number')
  })

  it('strict mode fails on missing required fields, unknown discriminators and unknown enum values', () => {
    const input = {
      type: 'audience_subscription_request',
      id: uid('x'),
      timestamp_ms: 1,
      account: { account_id: 1 },
      audience_name: 'A',
      action: 'replace',
    }
    expect(paths(failed(input, { mode: 'strict' }).problems)).toEqual(['/firehose_version', '/audience_id', '/action'])
    const runtime = { ...envelope, runtime_environment: { type: 'ps5' }, events: [{ type: 'teleport', id: uid('a'), timestamp_ms: 1 }] }
    expect(paths(failed(runtime, { mode: 'strict' }).problems)).toEqual(['/runtime_environment/type', '/events/0/type'])
  })

  it('never echoes a value: a secret-looking string stays out of every problem and summary', () => {
    const inputs: unknown[] = [
      { ...envelope, id: { SECRET } },
      { ...envelope, type: SECRET },
      { ...envelope, account: { account_id: SECRET, account_settings: { apiKey: { SECRET } } } },
      {
        ...envelope,
        events: [
          { type: SECRET, id: SECRET },
          { type: 'custom_event', id: uid('a'), timestamp_ms: SECRET, name: SECRET },
        ],
      },
      { ...envelope, user_attributes: { email: [SECRET] }, mpid: { SECRET }, runtime_environment: { type: 'ios', client_ip_address: [SECRET] } },
      { ...envelope, type: 'dsr_processing_request', submitted_time: SECRET, subject_identities: { email: { encoding: SECRET, value: SECRET } } },
    ]
    for (const input of inputs) {
      for (const mode of ['lenient', 'strict'] as const) {
        const result = decodeMessage(input, { mode })
        if (result._tag === 'Left') expect(mentionsSecret(result.left.problems, result.left)).toBe(false)
        else expect(mentionsSecret(result.right.problems)).toBe(false)
      }
    }
  })

  it('survives deep nesting (10,000 levels) in any field', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 10_000; i++) deep = { nested: deep, list: [deep] }
    for (const mode of ['lenient', 'strict'] as const) {
      expect(() =>
        decodeMessage({ ...envelope, events: [deep, { type: 'custom_event', id: uid('a'), timestamp_ms: 1, name: deep }], extra: deep, user_attributes: { a: deep } }, { mode }),
      ).not.toThrow()
      expect(() => decodeMessage(deep, { mode })).not.toThrow()
    }
  })

  it('handles 10 MB strings without trouble', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024)
    const result = decodeMessage({ ...envelope, events: [{ type: 'custom_event', id: uid('a'), timestamp_ms: 1, name: huge }] })
    expect(result._tag).toBe('Right')
    const bad = decodeMessage({ ...envelope, timestamp_ms: huge })
    expect(bad._tag === 'Left' && bad.left.message.length).toBeLessThan(200)
  })

  it('turns a hostile input (throwing getter) into a failure', () => {
    const hostile = Object.defineProperty({ ...envelope }, 'events', {
      enumerable: true,
      get() {
        throw new Error(SECRET)
      },
    })
    const result = decodeMessage(hostile)
    expect(result._tag === 'Left' && result.left.message).not.toContain(SECRET)
  })

  it('decodes maps by their own keys alone, even when Object.prototype has an enumerable key', () => {
    const input = { ...envelope, events: [{ type: 'custom_event', id: uid('e'), timestamp_ms: 1, name: 'n', attributes: { plan: 'gold' } }] }
    const modes = ['lenient', 'strict'] as const
    const clean = modes.map((mode) => decodeMessage(JSON.parse(JSON.stringify(input)), { mode }))
    const proto = Object.prototype as Record<string, unknown>
    proto.inherited = 12
    try {
      const polluted = modes.map((mode) => decodeMessage(JSON.parse(JSON.stringify(input)), { mode }))
      expect(polluted).toEqual(clean)
      for (const result of polluted) {
        expect(result._tag === 'Right' && result.right.problems).toEqual([])
      }
    } finally {
      delete proto.inherited
    }
  })

  it('treats __proto__ and constructor keys as data in every map, never touching a prototype', () => {
    const input = JSON.parse(
      JSON.stringify(ownFixture('event_processing_request_all_events.json')).replace(
        '"events":',
        '"integration_attributes":{"__proto__":{"polluted":"yes"},"constructor":"c"},"events":',
      ),
    ) as Record<string, unknown>
    const lenient = decodeMessage(input)
    const strictResult = decodeMessage(input, { mode: 'strict' })
    expect(lenient._tag).toBe('Right')
    expect(strictResult._tag === 'Left' && paths(strictResult.left.problems)).toEqual(['/integration_attributes/__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    if (lenient._tag === 'Right' && lenient.right.message.type === 'event_processing_request') {
      const attributes = lenient.right.message.integration_attributes ?? {}
      expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
      expect(attributes.constructor).toBe('c')
      expect(Object.keys(attributes)).toEqual(['constructor'])
    }
  })
})

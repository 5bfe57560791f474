import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { classifyResponse, classifyStatus, networkErrorOf, NETWORK_ERROR_KINDS, parseRetryAfter, backoffDelay } from '../../src/delivery/index.js'
import { type Outcome } from '../../src/core/outcome.js'
import { fetchFailed } from './support/scripted-server.js'

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)

/** The documented table, written out by hand. */
const documented = new Map<number, Outcome>()
for (const status of range(100, 600)) documented.set(status, 'permanent')
for (const status of range(200, 300)) documented.set(status, 'delivered')
for (const status of [408, 429, ...range(500, 600)]) documented.set(status, 'retryable')
for (const status of [401, 403]) documented.set(status, 'suspend')

describe('classifyResponse: statuses', () => {
  it.each([...documented])('%i is %s', (status, outcome) => {
    expect(classifyResponse({ status })).toBe(outcome)
    expect(classifyStatus(status)).toBe(outcome)
  })

  it('covers exactly 500 statuses, 100 to 599', () => {
    expect(documented.size).toBe(500)
    const counts = [...documented.values()].reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {})
    expect(counts).toEqual({ delivered: 100, retryable: 102, suspend: 2, permanent: 296 })
  })

  it('ignores headers and body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, body) => {
        expect(classifyResponse({ status, body, headers: { 'retry-after': '1' } })).toBe(documented.get(status))
      }),
    )
  })

  it('treats anything outside 100–599 like a server fault: retryable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 99 }), fc.integer({ min: 600 }), fc.double({ noInteger: true })), (status) => {
        expect(classifyStatus(status)).toBe('retryable')
      }),
    )
  })
})

describe('classifyResponse: network errors', () => {
  it.each(NETWORK_ERROR_KINDS)('%s is retryable', (kind) => {
    expect(classifyResponse({ error: { kind } })).toBe('retryable')
  })
})

describe('networkErrorOf', () => {
  const cases: Array<[string, unknown, string]> = [
    ['ECONNRESET', fetchFailed('ECONNRESET'), 'reset'],
    ['EPIPE', fetchFailed('EPIPE'), 'reset'],
    ['undici other side closed', new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'reset'],
    ['ECONNREFUSED', fetchFailed('ECONNREFUSED'), 'refused'],
    ['EHOSTUNREACH', fetchFailed('EHOSTUNREACH'), 'refused'],
    ['refused via AggregateError', new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) }), 'refused'],
    ['ENOTFOUND', fetchFailed('ENOTFOUND'), 'dns'],
    ['EAI_AGAIN', fetchFailed('EAI_AGAIN'), 'dns'],
    ['UND_ERR_CONNECT_TIMEOUT', fetchFailed('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', fetchFailed('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', fetchFailed('UND_ERR_BODY_TIMEOUT'), 'timeout'],
    ['ETIMEDOUT', fetchFailed('ETIMEDOUT'), 'timeout'],
    ['TimeoutError', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout'],
    ['AbortError', new DOMException('This operation was aborted', 'AbortError'), 'aborted'],
    ['UND_ERR_ABORTED', fetchFailed('UND_ERR_ABORTED'), 'aborted'],
    ['a TLS failure', fetchFailed('CERT_HAS_EXPIRED'), 'other'],
    ['a plain Error', new Error('boom'), 'other'],
    ['a string', 'boom', 'other'],
    ['undefined', undefined, 'other'],
  ]
  it.each(cases)('%s maps to %s', (_name, err, kind) => {
    expect(networkErrorOf(err).kind).toBe(kind)
  })

  it('keeps the code but never the message', () => {
    expect(networkErrorOf(fetchFailed('CERT_HAS_EXPIRED'))).toEqual({ kind: 'other', code: 'CERT_HAS_EXPIRED' })
    expect(networkErrorOf(fetchFailed('ECONNRESET'))).toEqual({ kind: 'reset', code: 'ECONNRESET' })
  })

  it('never throws, whatever was thrown', () => {
    fc.assert(fc.property(fc.anything(), (value) => NETWORK_ERROR_KINDS.includes(networkErrorOf(value).kind)))
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
  })
  it('reads an HTTP date, a past one as 0', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0)
  })
  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', '-1', '1.5', 'soon', '12abc']) expect(parseRetryAfter(value, now)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  it('stays within [0, min(max, base * 2^retry))', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (retry, baseMs, maxMs, r) => {
        const wait = backoffDelay(retry, { baseMs, maxMs }, () => r)
        expect(wait).toBeGreaterThanOrEqual(0)
        expect(wait).toBeLessThanOrEqual(Math.min(maxMs, baseMs * 2 ** retry))
      }),
    )
  })
  it('doubles its ceiling until the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, { baseMs: 100, maxMs: 1000 }, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000])
  })
})

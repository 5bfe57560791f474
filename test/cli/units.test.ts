import { describe, it, expect } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { percentile, summarizeLatency } from '../../src/cli/latency.js'
import { kindOfHttpAnswer, kindOfRejection, kindOfResponse } from '../../src/cli/outcome.js'
import { sample } from '../../src/cli/samples.js'
import { FirehoseError } from '../../src/errors.js'

describe('latency percentiles', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 95)).toBe(95)
    expect(percentile(values, 99)).toBe(99)
    expect(summarizeLatency([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 })
  })

  test.prop([fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 1 })])('p50 ≤ p95 ≤ p99 ≤ max, each one of the values', (values) => {
    const summary = summarizeLatency(values)
    expect(summary.p50).toBeLessThanOrEqual(summary.p95)
    expect(summary.p95).toBeLessThanOrEqual(summary.p99)
    expect(summary.p99).toBeLessThanOrEqual(summary.max)
    const rounded = values.map((v) => Math.round(v * 100) / 100)
    expect(rounded).toContain(summary.p99)
  })
})

describe('outcome kinds', () => {
  it('reads HTTP answers the way the transports write them', () => {
    expect(kindOfHttpAnswer(200, { type: 'event_processing_response' })).toBe('delivered')
    expect(kindOfHttpAnswer(200, { suspend_subscription: true })).toBe('suspend')
    expect(kindOfHttpAnswer(429, { error: 'retryable' })).toBe('retryable')
    expect(kindOfHttpAnswer(503, '')).toBe('retryable')
    expect(kindOfHttpAnswer(400, { error: 'decode', problems: [] })).toBe('decode')
    expect(kindOfHttpAnswer(400, { error: 'suspend' })).toBe('suspend')
    expect(kindOfHttpAnswer(400, { error: 'permanent' })).toBe('permanent')
    expect(kindOfHttpAnswer(401, {})).toBe('unauthorized')
    expect(kindOfHttpAnswer(413, {})).toBe('too_large')
  })

  it('recognises a FirehoseError from another copy of the SDK by its shape', () => {
    const foreign = Object.assign(new Error('partner down'), { name: 'FirehoseError', kind: 'permanent' })
    expect(kindOfRejection(foreign)).toEqual({ kind: 'permanent', reason: 'partner down' })
    expect(kindOfRejection(new FirehoseError('decode', 'bad'))).toEqual({ kind: 'decode', reason: 'bad' })
    expect(kindOfRejection(new TypeError('x')).kind).toBe('retryable')
    expect(kindOfResponse({ suspend_subscription: false })).toBe('delivered')
  })
})

describe('samples', () => {
  const registration = {
    event_processing_registration: {
      account_settings: [
        { type: 'text', id: 'apiKey', name: 'Key', required: true },
        { type: 'text', id: 'region', name: 'Region', default_value: 'eu' },
        { type: 'integer', id: 'batchSize', name: 'Batch', required: true, min_value: 5 },
        { type: 'boolean', id: 'sandbox', name: 'Sandbox' },
      ],
      supported_event_types: ['screen_view', 'session_start'],
    },
  }

  it('gives required settings placeholders, keeps defaults, leaves optional ones unset, and lets overrides win', () => {
    const batch = sample('events', registration, { apiKey: 'real-key' }) as { account: { account_settings: Record<string, string> }; events: Array<{ type: string }> }
    expect(batch.account.account_settings).toEqual({ apiKey: 'real-key', region: 'eu', batchSize: '5' })
    expect(batch.events.map((event) => event.type).sort()).toEqual(['screen_view', 'session_start'])
  })

  it('falls back to one custom event without a registration', () => {
    const batch = sample('events', undefined) as { events: Array<{ type: string }> }
    expect(batch.events.map((event) => event.type)).toEqual(['custom_event'])
  })
})

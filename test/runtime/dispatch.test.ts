import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { firehose, retryable, setting } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { customEvent, eventBatch, screenView, sessionStart } from '../../src/testing/builders.js'
import { invoke } from '../../src/testing/invoke.js'

const registration = {
  name: 'Order',
  version: '1',
  events: { types: ['custom_event', 'screen_view'], notifications: ['gdpr_consent_state', 'ccpa_consent_state'] },
} as const

const gdpr = { type: 'gdpr_consent_state', purpose: 'marketing', new_gdpr_consent_state: { consented: true, timestamp_unixtime_ms: 1 } }

describe('dispatch order of an event batch', () => {
  it('runs notifications, then onEvents, then on handlers in ascending timestamp_ms (stable)', async () => {
    const calls: string[] = []
    const handler = firehose(
      {
        registration,
        onNotification: { gdpr_consent_state: (n) => (calls.push(`notification:${n.purpose}`), E.right(undefined)) },
        onEvents: (batch) => (calls.push(`onEvents:${batch.events.map((e) => e.timestamp_ms).join(',')}`), E.right(undefined)),
        on: {
          custom_event: (e) => (calls.push(`custom:${e.name}`), E.right(undefined)),
          screen_view: (e) => (calls.push(`screen:${e.screen_name}`), E.right(undefined)),
        },
      },
      { auth: false, logger: memoryLogger() },
    )
    const message = eventBatch({
      system_notifications: [gdpr] as never,
      events: [customEvent({ name: 'c', timestamp_ms: 3000 }), screenView({ screen_name: 'a', timestamp_ms: 1000 }), customEvent({ name: 'b', timestamp_ms: 1000 })],
    })
    expect((await invoke(handler, message)).ok).toBe(true)
    expect(calls).toEqual(['notification:marketing', 'onEvents:1000,1000,3000', 'screen:a', 'custom:b', 'custom:c'])
  })

  it('stops at the first retryable failure so the rest waits for the redelivery', async () => {
    const calls: string[] = []
    const handler = firehose(
      {
        registration,
        on: { custom_event: (e) => (calls.push(e.name), e.name === 'b' ? E.left(retryable('503')) : E.right(undefined)) },
      },
      { auth: false, logger: memoryLogger() },
    )
    const events = ['a', 'b', 'c', 'd'].map((name, i) => customEvent({ name, timestamp_ms: i }))
    const result = await invoke(handler, eventBatch({ events }))
    expect(!result.ok && result.error.kind).toBe('retryable')
    expect(calls).toEqual(['a', 'b'])
  })

  it('a retryable onEvents stops before the on handlers', async () => {
    const calls: string[] = []
    const handler = firehose(
      { registration, onEvents: () => E.left(retryable('down')), on: { custom_event: () => (calls.push('on'), E.right(undefined)) } },
      { auth: false, logger: memoryLogger() },
    )
    expect((await invoke(handler, eventBatch())).ok).toBe(false)
    expect(calls).toEqual([])
  })

  it('onEvents may answer per event with a map of event id to Either', async () => {
    const logger = memoryLogger()
    const a = customEvent({ name: 'a' })
    const b = customEvent({ name: 'b' })
    const handler = firehose({ registration, onEvents: () => ({ [a.id]: E.right(1), [b.id]: E.left(retryable('b failed')) }) }, { auth: false, logger })
    const result = await invoke(handler, eventBatch({ events: [a, b] }))
    expect(!result.ok && result.error.message).toBe('b failed')
  })

  it('one unknown-type event and one malformed event do not stop two valid ones; the batch is acknowledged', async () => {
    const logger = memoryLogger()
    const seen: string[] = []
    const handler = firehose({ registration, on: { custom_event: (e) => (seen.push(e.name), E.right(undefined)) } }, { auth: false, logger })
    const message = eventBatch({
      events: [
        customEvent({ name: 'valid-1', timestamp_ms: 1 }),
        { type: 'holographic_event', id: 'u-1', timestamp_ms: 2 },
        { type: 'custom_event', id: 'm-1', timestamp_ms: 3, name: { not: 'a string' } } as Record<string, unknown>,
        customEvent({ name: 'valid-2', timestamp_ms: 4 }),
      ],
    })
    const result = await invoke(handler, message)
    expect(result.ok).toBe(true)
    expect(seen).toEqual(['valid-1', 'valid-2'])
    const failed = logger
      .records()
      .filter((r) => r.message === 'item failed for good')
      .map((r) => r.item)
    expect(failed).toEqual(['u-1', 'm-1'])
  })

  it('skips events of types the registration does not list, with a logged reason', async () => {
    const logger = memoryLogger()
    const handler = firehose({ registration, onEvents: (b) => (expect(b.events).toHaveLength(1), E.right(undefined)) }, { auth: false, logger })
    const start = sessionStart()
    expect((await invoke(handler, eventBatch({ events: [start, customEvent()] }))).ok).toBe(true)
    expect(logger.records().find((r) => r.item === start.id)?.reason).toMatch(/not in the registration/)
  })

  it('skips events older than maxDataAgeHours', async () => {
    const now = Date.UTC(2026, 0, 2)
    const seen: number[] = []
    const handler = firehose(
      {
        registration: { ...registration, events: { ...registration.events, maxDataAgeHours: 24 } },
        on: { custom_event: (e) => (seen.push(Number(e.timestamp_ms)), E.right(undefined)) },
      },
      { auth: false, logger: memoryLogger(), clock: () => now },
    )
    const events = [customEvent({ timestamp_ms: now - 25 * 3_600_000 }), customEvent({ timestamp_ms: now - 3_600_000 })]
    expect((await invoke(handler, eventBatch({ events }))).ok).toBe(true)
    expect(seen).toEqual([now - 3_600_000])
  })
})

describe('chunking and concurrency', () => {
  it('hands onEvents chunks of at most batch.size events', async () => {
    const sizes: number[] = []
    const handler = firehose({ registration, onEvents: (b) => (sizes.push(b.events.length), E.right(undefined)) }, { auth: false, logger: memoryLogger(), batch: { size: 3 } })
    await invoke(handler, eventBatch({ events: Array.from({ length: 8 }, (_, i) => customEvent({ timestamp_ms: i })) }))
    expect(sizes).toEqual([3, 3, 2])
  })

  it('hands onEvents chunks of at most batch.bytes of event JSON', async () => {
    const sizes: number[] = []
    const handler = firehose({ registration, onEvents: (b) => (sizes.push(b.events.length), E.right(undefined)) }, { auth: false, logger: memoryLogger(), batch: { bytes: 1200 } })
    await invoke(handler, eventBatch({ events: Array.from({ length: 6 }, (_, i) => customEvent({ timestamp_ms: i, attributes: { pad: 'x'.repeat(400) } })) }))
    expect(sizes.length).toBeGreaterThan(1)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6)
  })

  it.each([1, 3])('never runs more than %i on handlers at once', async (concurrency) => {
    let running = 0
    let peak = 0
    const handler = firehose(
      {
        registration,
        on: {
          custom_event: async () => {
            running++
            peak = Math.max(peak, running)
            await new Promise((resolve) => setTimeout(resolve, 5))
            running--
            return E.right(undefined)
          },
        },
      },
      { auth: false, logger: memoryLogger(), batch: { concurrency } },
    )
    await invoke(handler, eventBatch({ events: Array.from({ length: 10 }, (_, i) => customEvent({ timestamp_ms: i })) }))
    expect(peak).toBe(concurrency)
  })
})

describe('settings in the context', () => {
  it('gives handlers typed settings and masks confidential values in logs', async () => {
    const logger = memoryLogger()
    const seen: unknown[] = []
    const handler = firehose(
      {
        registration: {
          name: 'S',
          version: '1',
          events: {
            types: ['custom_event'],
            settings: { apiKey: setting.text({ name: 'Key', required: true, confidential: true }), limit: setting.integer({ name: 'Limit', default: 5 }) },
          },
        },
        on: {
          custom_event: (_e, ctx) => {
            seen.push(ctx.settings)
            ctx.logger.info('calling with key', { key: ctx.settings.apiKey })
            return E.right(undefined)
          },
        },
      },
      { auth: false, logger },
    )
    await invoke(handler, eventBatch({ settings: { apiKey: 'super-secret-key' } }))
    expect(seen).toEqual([{ apiKey: 'super-secret-key', limit: 5 }])
    expect(logger.lines.join('\n')).not.toContain('super-secret-key')
    expect(logger.lines.join('\n')).toContain('[redacted]')
  })
})

describe('on handlers looked up once per event type', () => {
  it('finds handlers the `on` object inherits and calls them on that object, as a method call would', async () => {
    const calls: string[] = []
    class Handlers {
      prefix(): string {
        return 'seen'
      }
      custom_event(this: Handlers, e: { name: string }) {
        calls.push(`${this.prefix()}:${e.name}`)
        return E.right(undefined)
      }
    }
    const handler = firehose({ registration, on: new Handlers() as never }, { auth: false, logger: memoryLogger() })
    const message = eventBatch({
      events: [customEvent({ name: 'a', timestamp_ms: 1 }), screenView({ screen_name: 's', timestamp_ms: 2 }), customEvent({ name: 'b', timestamp_ms: 3 })],
    })
    expect((await invoke(handler, message)).ok).toBe(true)
    expect((await invoke(handler, { ...message, id: '4b1e5c2a-1f0e-4a53-9e5b-0d2a3c4e5f61' })).ok).toBe(true)
    expect(calls).toEqual(['seen:a', 'seen:b', 'seen:a', 'seen:b'])
  })
})

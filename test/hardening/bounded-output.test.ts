import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { firehose, setting, permanent } from '../../src/index.js'
import { customEvent, eventBatch, httpEventFor, memoryLogger } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'

const registration = {
  name: 'Bounded',
  version: '1.0',
  events: { settings: { apiKey: setting.text({ name: 'API Key', required: true, confidential: true }) }, types: ['custom_event'] },
} as const
const settings = { apiKey: 'bounded-key-1234' }
const context = () => fakeLambdaContext({ timeoutMs: 60_000 })

describe('finding 3: answers and logs are bounded, every item still accounted for', () => {
  it('a 400 answer lists at most 20 problems and counts the rest', async () => {
    const logger = memoryLogger()
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } }, { logger, auth: false })
    // A message with a non-string id at each of many places cannot decode: many problems, one answer.
    const message = { type: 'event_processing_request', id: 7, timestamp_ms: 'x', events: Array.from({ length: 5000 }, () => ({ event_type: 7 })) }
    const answer = (await handler(httpEventFor(message, 'rest') as never, context())) as { statusCode: number; body: string }
    expect(answer.statusCode).toBe(400)
    expect(answer.body.length).toBeLessThan(20_000)
    const body = JSON.parse(answer.body) as { problems: unknown[]; more?: number }
    expect(body.problems).toHaveLength(20)
    expect(body.more).toBeGreaterThan(4000)
    for (const line of logger.lines) expect(line.length).toBeLessThan(20_000)
  })

  it('100,000 invalid events: a bounded number of log lines, each bounded, with the count of every item', async () => {
    const logger = memoryLogger()
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } }, { logger })
    const events = Array.from({ length: 100_000 }, (_, i) => ({ event_type: 'custom_event', data: { event_name: 7 }, id: `bad-${i}`, timestamp_unixtime_ms: 1 }))
    const message = { ...eventBatch({ settings, events: [] }), events }
    const response = (await handler(message, context())) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(logger.lines.length).toBeLessThan(50)
    for (const line of logger.lines) expect(line.length).toBeLessThan(20_000)
    const summary = logger.records().find((line) => line.message === 'items failed for good')
    expect(summary).toMatchObject({ stage: 'decode', count: 100_000, more: 100_000 - 20 })
    expect((summary?.items as unknown[]).length).toBe(20)
  })

  it('a handful of failed items are still logged one line each', async () => {
    const logger = memoryLogger()
    const handler = firehose({ registration, on: { custom_event: () => E.left(permanent('no')) } }, { logger })
    const message = eventBatch({ settings, events: [customEvent(), customEvent(), customEvent()] })
    await handler(message, context())
    expect(logger.records().filter((line) => line.message === 'item failed for good')).toHaveLength(3)
  })

  it('a handler reason of 1 MB is clipped in the answer', async () => {
    const handler = firehose({ registration, on: { custom_event: () => E.left(permanent('x'.repeat(1_000_000))) } }, { logger: memoryLogger() })
    const logger = memoryLogger()
    const h2 = firehose({ registration, on: { custom_event: () => E.left(permanent('y'.repeat(1_000_000))) } }, { logger })
    const message = eventBatch({ settings, events: [customEvent()] })
    await handler(message, context())
    await h2(message, context())
    for (const line of logger.lines) expect(line.length).toBeLessThan(5_000)
  })
})

import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { firehose, memoryStore, setting } from '../../src/index.js'
import { customEvent, eventBatch, memoryLogger, screenView } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'

const registration = {
  name: 'Large',
  version: '1.0',
  events: { settings: { apiKey: setting.text({ name: 'API Key', required: true }) }, types: ['custom_event'] },
} as const
const settings = { apiKey: 'k-1234' }

describe('finding 2: 200,000 screened-out events are answered, not a RangeError', () => {
  it('200,000 invalid and undeclared events (and a few good ones): a response, every event accounted for in the log', async () => {
    const logger = memoryLogger()
    let sent = 0
    const handler = firehose({ registration, on: { custom_event: () => (sent++, E.right(undefined)) } }, { logger, checkpoints: memoryStore() })
    const invalid = Array.from({ length: 100_000 }, (_, i) => ({ event_type: 'custom_event', id: `bad-${i}`, data: { event_name: i } }))
    const undeclared = Array.from({ length: 100_000 }, () => screenView())
    const good = [customEvent(), customEvent()]
    const message = { ...eventBatch({ settings, events: [] }), events: [...invalid, ...undeclared, ...good] }
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 120_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(response.suspend_subscription ?? false).toBe(false)
    expect(sent).toBe(2)
    const summaries = logger.records().filter((line) => typeof line.count === 'number' && line.stage !== undefined)
    expect(summaries.map((line) => [line.message, line.stage, line.count])).toEqual([
      ['items failed for good', 'decode', 100_000],
      ['items skipped', 'validate', 100_000],
    ])
  }, 60_000)
})

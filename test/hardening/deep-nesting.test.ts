import { afterEach, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { createHttpClient, firehose } from '../../src/index.js'
import { customEvent, eventBatch, invoke, memoryLogger, recordingFetch } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { queueIngress, splitMessage } from '../../src/queue/index.js'
import { chunk } from '../../middlewares/batch.js'
import { startFakeSqs, type FakeSqs } from '../transports/queue/fake-sqs.js'
import { goodSettings, recordingIntegration } from '../transports/queue/support.js'
import type { Event } from '../../src/schema/index.js'

/** A value nested `depth` objects deep: JSON.parse reads it, JSON.stringify throws a RangeError on it. */
const nested = (depth: number): unknown => {
  let text = '1'
  for (let i = 0; i < depth; i++) text = `{"x":${text}}`
  return JSON.parse(text)
}

const deepBatch = () => {
  const deep = { ...customEvent({ name: 'deep' }), unknown_field: nested(10_000) } as unknown as Event
  const fine = customEvent({ name: 'fine' })
  return { message: eventBatch({ settings: goodSettings, events: [fine, deep] }), deep, fine }
}

let fake: FakeSqs | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

describe('finding 10: an unknown field nested 10,000 levels is answered, not retried forever', () => {
  it('the premise: JSON.stringify throws on it', () => {
    expect(() => JSON.stringify(nested(10_000))).toThrow(RangeError)
  })

  it('splitMessage does not throw: the item that cannot be serialised is reported, the rest is queued', () => {
    const { message, deep, fine } = deepBatch()
    const split = splitMessage(message as unknown as Record<string, unknown>)
    expect(split.unserialisable).toEqual([deep.id])
    expect(split.messages).toHaveLength(1)
    expect(JSON.parse(split.messages[0]!.body).events.map((e: { id: string }) => e.id)).toEqual([fine.id])
  })

  it('queueIngress answers permanent for the unserialisable item (logged) and enqueues the rest', async () => {
    fake = await startFakeSqs()
    const integration = recordingIntegration()
    const handler = queueIngress(integration.definition, { queueUrl: fake.queueUrl, sqs: fake.client(), auth: false, logger: integration.logger })
    const { message, deep } = deepBatch()
    const result = await invoke(handler, message)
    expect(result.ok).toBe(true) // acknowledged: the failure is permanent, not retryable
    expect(fake.stored).toHaveLength(1)
    const lines = integration.logger.records()
    expect(lines.some((line) => line.message === 'item cannot be serialised for the queue' && line.item === deep.id)).toBe(true)
  })

  it('batch byte chunking measures it without throwing (it goes alone)', () => {
    const { deep, fine } = deepBatch()
    expect(chunk([fine, deep, fine], Infinity, 10_000).map((group) => group.length)).toEqual([1, 1, 1])
  })

  it('firehose() with batch.bytes and a handler that forwards the event: that event fails for good, the batch is answered', async () => {
    const api = recordingFetch()
    const logger = memoryLogger()
    const handler = firehose(
      {
        registration: recordingIntegration().definition.registration,
        onEvents: ({ events }, ctx) => ctx.http.send({ url: 'https://api.example/bulk', json: events }),
      },
      { logger, http: createHttpClient({ fetch: api.fetch }), batch: { bytes: 10_000 } },
    )
    const { message, fine } = deepBatch()
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(api.calls().map((call) => (call.body as Array<{ id: string }>).map((e) => e.id))).toEqual([[fine.id]])
    expect(logger.records().some((line) => line.message === 'item failed for good')).toBe(true)
  })

  it('an on handler whose ctx.http body cannot be serialised fails for good (not retried forever)', async () => {
    const api = recordingFetch()
    const logger = memoryLogger()
    const handler = firehose(
      { registration: recordingIntegration().definition.registration, on: { custom_event: (event, ctx) => ctx.http.send({ url: 'https://api.example/one', json: event }) } },
      { logger, http: createHttpClient({ fetch: api.fetch }) },
    )
    const { message } = deepBatch()
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(E.isRight(E.right(1))).toBe(true)
    expect(api.calls()).toHaveLength(1)
  })
})

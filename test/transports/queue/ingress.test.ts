import { afterEach, describe, expect, it } from 'vitest'
import { decodeMessage } from '../../../src/schema/index.js'
import { audienceMembership, audienceSubscription, customEvent, dsrRequest, eventBatch, invoke, registrationRequest, userProfile } from '../../../src/testing/index.js'
import { CHUNK_ATTRIBUTE, DEFAULT_MAX_MESSAGE_BYTES, ORIGINAL_ID_ATTRIBUTE, queueIngress, type QueueIngressOptions } from '../../../src/queue/index.js'
import { startFakeSqs, type FakeSqs, type Verdict } from './fake-sqs.js'
import { goodSettings, recordingIntegration } from './support.js'

let fake: FakeSqs | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const setup = async (decide?: Parameters<typeof startFakeSqs>[0], options: Partial<QueueIngressOptions> = {}) => {
  fake = await startFakeSqs(decide)
  const integration = recordingIntegration()
  const handler = queueIngress(integration.definition, { queueUrl: fake.queueUrl, sqs: fake.client(), auth: { tokens: ['token-a'] }, logger: integration.logger, ...options })
  return { fake, handler, ...integration }
}

const bigEvent = (i: number) => customEvent({ name: `e${i}`, attributes: { payload: 'x'.repeat(400 + (i % 7)) } })
const eventIds = (body: string): string[] => JSON.parse(body).events.map((e: { id: string }) => e.id)

describe('queueIngress: event batches and membership changes go to SQS', () => {
  it('enqueues the wire JSON of an event batch and acknowledges it, calling no handler', async () => {
    const { fake, handler, calls } = await setup()
    const batch = eventBatch({ settings: goodSettings, events: [customEvent(), customEvent()] })
    const result = await invoke(handler, batch)
    expect(result).toMatchObject({ ok: true, response: { type: 'event_processing_response', id: batch.id } })
    expect(fake.stored).toHaveLength(1)
    expect(fake.stored[0]!.body).toBe(JSON.stringify(batch))
    expect(fake.stored[0]!.attributes[ORIGINAL_ID_ATTRIBUTE]).toEqual({ DataType: 'String', StringValue: batch.id })
    expect(fake.calls.map((c) => c.target)).toEqual(['SendMessage'])
    expect(calls.events).toEqual([])
  })

  it('enqueues a membership change and acknowledges it', async () => {
    const { fake, handler, calls } = await setup()
    const membership = audienceMembership({ settings: goodSettings })
    const result = await invoke(handler, membership)
    expect(result).toMatchObject({ ok: true, response: { type: 'audience_membership_change_response' } })
    expect(fake.stored.map((m) => JSON.parse(m.body))).toEqual([membership])
    expect(calls.audiences).toEqual([])
  })

  it('never acknowledges what SQS refused: an HTTP 500 answer is retryable and nothing is stored', async () => {
    const { fake, handler } = await setup(() => ({ kind: 'error' }))
    const result = await invoke(handler, eventBatch({ settings: goodSettings }))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('retryable')
      expect(result.error.message).toMatch(/SQS refused the message \(.*InternalError, HTTP 500\)/)
    }
    expect(fake.calls).toHaveLength(1)
    expect(fake.stored).toEqual([])
  })

  it('answers 429 over HTTP when SQS refused, and 200 once it accepts', async () => {
    let down = true
    const { fake, handler } = await setup(() => (down ? { kind: 'error', status: 503 } : { kind: 'accept' }))
    const batch = eventBatch({ settings: goodSettings })
    expect(await invoke(handler, batch, { via: 'http-api', token: 'token-a' })).toMatchObject({ status: 429 })
    expect(fake.stored).toEqual([])
    down = false
    expect(await invoke(handler, batch, { via: 'http-api', token: 'token-a' })).toMatchObject({ status: 200, json: { id: batch.id } })
    expect(fake.stored.map((m) => m.body)).toEqual([JSON.stringify(batch)])
  })

  it('stays retryable when SQS fails under onThrow: permanent (an SQS failure is never a permanent one)', async () => {
    const { handler } = await setup(() => ({ kind: 'error' }), { onThrow: 'permanent' })
    const result = await invoke(handler, eventBatch({ settings: goodSettings }))
    expect(result.ok === false && result.error.kind).toBe('retryable')
  })

  it('splits an oversize batch (2,000 events, ~1 MB): every event id arrives in exactly one queued message', async () => {
    const { fake, handler, logger } = await setup()
    const events = Array.from({ length: 2000 }, (_, i) => bigEvent(i))
    const batch = eventBatch({ settings: goodSettings, events })
    expect(Buffer.byteLength(JSON.stringify(batch))).toBeGreaterThan(1_000_000)
    const result = await invoke(handler, batch)
    expect(result).toMatchObject({ ok: true, response: { id: batch.id } })
    expect(fake.stored.length).toBeGreaterThanOrEqual(4)
    const ids = fake.stored.flatMap((m) => eventIds(m.body))
    expect(ids.sort()).toEqual(events.map((e) => e.id).sort())
    for (const message of fake.stored) {
      expect(Buffer.byteLength(message.body)).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES)
      expect(decodeMessage(JSON.parse(message.body), { mode: 'strict' })._tag).toBe('Right')
      expect(message.attributes[ORIGINAL_ID_ATTRIBUTE]?.StringValue).toBe(batch.id)
      expect(message.attributes[CHUNK_ATTRIBUTE]?.StringValue).toMatch(/^\d+\/\d+$/)
      expect(JSON.parse(message.body).id).not.toBe(batch.id)
    }
    // Chunks near 256 KiB each cannot share a SendMessageBatch call (256 KiB for the whole call).
    expect(fake.calls.every((c) => c.target === 'SendMessage')).toBe(true)
    expect(logger.records().some((r) => r.message === 'message split for the queue')).toBe(true)
  })

  it('uses SendMessageBatch, at most 10 entries a call, for small chunks', async () => {
    const { fake, handler } = await setup(undefined, { maxMessageBytes: 8_000 })
    const events = Array.from({ length: 300 }, (_, i) => bigEvent(i))
    const result = await invoke(handler, eventBatch({ settings: goodSettings, events }))
    expect(result.ok).toBe(true)
    expect(fake.calls.some((c) => c.target === 'SendMessageBatch')).toBe(true)
    for (const call of fake.calls) if (call.target === 'SendMessageBatch') expect(call.input.Entries.length).toBeLessThanOrEqual(10)
    expect(fake.stored.flatMap((m) => eventIds(m.body)).sort()).toEqual(events.map((e) => e.id).sort())
    expect(fake.stored.every((m) => Buffer.byteLength(m.body) <= 8_000)).toBe(true)
  })

  it('makes the whole message retryable when a batch reports Failed entries; the re-delivery sends every chunk again', async () => {
    let failing = true
    const decide = (call: { target: string }): Verdict => (failing && call.target === 'SendMessageBatch' ? { kind: 'fail', ids: ['chunk-1'] } : { kind: 'accept' })
    const { fake, handler } = await setup(decide, { maxMessageBytes: 8_000 })
    const events = Array.from({ length: 60 }, (_, i) => bigEvent(i))
    const batch = eventBatch({ settings: goodSettings, events })
    const first = await invoke(handler, batch)
    expect(first.ok).toBe(false)
    if (!first.ok) {
      expect(first.error.kind).toBe('retryable')
      expect(first.error.message).toMatch(/SQS refused 1 of \d+ batch entries \(InternalError\)/)
    }
    const acceptedBefore = fake.stored.length
    expect(fake.stored.flatMap((m) => eventIds(m.body))).toHaveLength(events.length - eventIds(splitChunk(fake, 1)).length)
    failing = false
    expect((await invoke(handler, batch)).ok).toBe(true)
    // mParticle's retry re-sends every chunk; chunk ids are deterministic, so duplicates are recognisable.
    const afterRetry = fake.stored.slice(acceptedBefore)
    expect(afterRetry.flatMap((m) => eventIds(m.body)).sort()).toEqual(events.map((e) => e.id).sort())
    const ids = new Set(fake.stored.map((m) => JSON.parse(m.body).id))
    expect(ids.size).toBe(afterRetry.length)
  })

  it('splits a membership change by profiles', async () => {
    const { fake, handler } = await setup(undefined, { maxMessageBytes: 6_000 })
    const profiles = Array.from({ length: 200 }, (_, i) => userProfile({ email: `user${i}@example.com`, mpid: String(5000 + i) }))
    const membership = audienceMembership({ settings: goodSettings, profiles })
    expect((await invoke(handler, membership)).ok).toBe(true)
    expect(fake.stored.length).toBeGreaterThan(1)
    const mpids = fake.stored.flatMap((m) => {
      const chunk = JSON.parse(m.body)
      expect(chunk.type).toBe('audience_membership_change_request')
      expect(Buffer.byteLength(m.body)).toBeLessThanOrEqual(6_000)
      return chunk.user_profiles.map((p: { mpid: string }) => p.mpid)
    })
    expect(mpids).toEqual(profiles.map((p) => p.mpid))
  })

  it('enqueues the rest and acknowledges, logging by id an event too large for any SQS message', async () => {
    const { fake, handler, logger } = await setup(undefined, { maxMessageBytes: 20_000 })
    const huge = customEvent({ attributes: { blob: 'x'.repeat(25_000) } })
    const small = customEvent()
    const result = await invoke(handler, eventBatch({ settings: goodSettings, events: [small, huge] }))
    expect(result.ok).toBe(true)
    expect(fake.stored.flatMap((m) => eventIds(m.body))).toEqual([small.id])
    const records = logger.records()
    expect(records).toContainEqual(expect.objectContaining({ message: 'item too large for the queue', item: huge.id }))
    expect(records).toContainEqual(expect.objectContaining({ message: 'item failed for good', stage: 'enqueue' }))
    expect(logger.lines.join('\n')).not.toContain(goodSettings.apiKey)
  })
})

describe('queueIngress: answered directly, nothing enqueued', () => {
  it('answers a registration request with the registration', async () => {
    const { fake, handler } = await setup()
    const result = await invoke(handler, registrationRequest())
    expect(result).toMatchObject({ ok: true, response: { type: 'module_registration_response', name: 'Queued' } })
    expect(fake.calls).toEqual([])
  })

  it("answers an audience subscription with the handler's settings", async () => {
    const { fake, handler, calls } = await setup()
    const result = await invoke(handler, audienceSubscription({ settings: goodSettings }))
    expect(result).toMatchObject({ ok: true, response: { type: 'audience_subscription_response', audience_subscription_settings: { listId: '7' } } })
    expect(calls.subscriptions).toBe(1)
    expect(fake.calls).toEqual([])
  })

  it('answers a DSR request with the handler', async () => {
    const { fake, handler, calls } = await setup()
    const result = await invoke(handler, dsrRequest({ settings: goodSettings }))
    expect(result).toMatchObject({ ok: true, response: { type: 'dsr_processing_response' } })
    expect(calls.dsr).toBe(1)
    expect(fake.calls).toEqual([])
  })

  it('answers suspend_subscription for a configuration error, enqueuing nothing', async () => {
    const { fake, handler } = await setup()
    const batch = eventBatch({ settings: {}, events: [customEvent()] })
    const result = await invoke(handler, batch)
    expect(result).toMatchObject({ ok: true, response: { type: 'event_processing_response', suspend_subscription: true } })
    const membership = await invoke(handler, audienceMembership({ settings: {} }))
    expect(membership).toMatchObject({ ok: true, response: { suspend_subscription: true } })
    expect(fake.calls).toEqual([])
  })

  it('answers verification requests (no events, no profiles) without enqueuing', async () => {
    const { fake, handler } = await setup()
    expect(await invoke(handler, eventBatch({ settings: goodSettings, events: [] }))).toMatchObject({ ok: true, response: { type: 'event_processing_response' } })
    expect(await invoke(handler, audienceMembership({ settings: goodSettings, profiles: null }))).toMatchObject({ ok: true })
    expect(fake.calls).toEqual([])
  })

  it('rejects an undecodable message without enqueuing', async () => {
    const { fake, handler } = await setup()
    const result = await invoke(handler, { type: 'event_processing_request', id: 42 })
    expect(result.ok === false && result.error.kind).toBe('decode')
    expect(fake.calls).toEqual([])
  })
})

describe('queueIngress over HTTP', () => {
  it('authenticates an API Gateway v2 delivery, enqueues it, answers 200', async () => {
    const { fake, handler } = await setup()
    const batch = eventBatch({ settings: goodSettings })
    const answer = await invoke(handler, batch, { via: 'http-api', token: 'token-a' })
    expect(answer).toMatchObject({ status: 200, json: { type: 'event_processing_response', id: batch.id } })
    expect(fake.stored.map((m) => JSON.parse(m.body))).toEqual([batch])
  })

  it('refuses a wrong token with 401 and enqueues nothing', async () => {
    const { fake, handler } = await setup()
    expect(await invoke(handler, eventBatch({ settings: goodSettings }), { via: 'http-api', token: 'nope' })).toMatchObject({ status: 401 })
    expect(await invoke(handler, eventBatch({ settings: goodSettings }), { via: 'function-url', base64: true })).toMatchObject({ status: 401 })
    expect(fake.calls).toEqual([])
  })

  it('takes a base64 body through a function URL event', async () => {
    const { fake, handler } = await setup()
    const batch = eventBatch({ settings: goodSettings })
    expect(await invoke(handler, batch, { via: 'function-url', base64: true, token: 'token-a' })).toMatchObject({ status: 200 })
    expect(fake.stored.map((m) => m.body)).toEqual([JSON.stringify(batch)])
  })
})

describe('queueIngress on a FIFO queue', () => {
  it('sets the message group (the account) and a deduplication id (the message or chunk id)', async () => {
    fake = await startFakeSqs()
    const { definition } = recordingIntegration()
    const handler = queueIngress(definition, { queueUrl: `${fake.queueUrl}.fifo`, sqs: fake.client(), auth: false })
    const batch = eventBatch({ settings: goodSettings, accountId: 4321 })
    expect((await invoke(handler, batch)).ok).toBe(true)
    expect(fake.stored[0]).toMatchObject({ groupId: '4321', deduplicationId: batch.id })
  })
})

/** The events of chunk `index` as the splitter would cut them (for the Failed-entry test). */
function splitChunk(fake: FakeSqs, index: number): string {
  const call = fake.calls.find((c) => c.target === 'SendMessageBatch')!
  return call.input.Entries[index].MessageBody as string
}

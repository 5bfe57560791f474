import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryStore, type CheckpointStore } from '../../src/index.js'
import { eventBatch, invoke } from '../../src/testing/index.js'
import { accountSettings, exactlyOnce, integration, sharedDynamoTable, numberedEvents, ok, partner, type Partner } from './support.js'

let api: Partner
beforeEach(async () => {
  api = await partner()
})
afterEach(async () => {
  await api.close()
})

/** The partner accepts events 1–56, then answers `failure` to every attempt at event 57 in the first delivery. */
const failAt57 = (failure: { status: number; headers?: Record<string, string> }, attempts: number): void => {
  api.script(...Array.from({ length: 56 }, () => ok), ...Array.from({ length: attempts }, () => failure))
}

const replayScenario = async (first: { handler: Parameters<typeof invoke>[0] }, second: { handler: Parameters<typeof invoke>[0] }) => {
  const events = numberedEvents(100)
  const ids = events.map((e) => e.id)
  const message = eventBatch({ events, settings: accountSettings, accountId: 1234 })

  const one = await invoke(first.handler, message)
  expect(one.ok).toBe(false)
  if (!one.ok) expect(one.error.kind).toBe('retryable')
  expect(api.requests).toHaveLength(56 + 1)

  const two = await invoke(second.handler, message)
  expect(two).toMatchObject({ ok: true, response: { type: 'event_processing_response', id: message.id } })

  // Second delivery: only events 57..100 were sent.
  const secondCalls = api.requests.slice(57).flatMap(api.idsOf)
  expect(secondCalls).toEqual(ids.slice(56))
  expect(exactlyOnce(await api.accepted(), ids)).toBe(true)
  return { ids }
}

describe('a 100-event batch whose partner API fails transiently at event 57', () => {
  it('with memoryStore: rejected retryable, delivered again, each event accepted by the partner exactly once', async () => {
    failAt57({ status: 503 }, 1)
    const app = integration({ partnerUrl: api.url, checkpoints: memoryStore() })
    await replayScenario(app, app)
  })

  it('with memoryStore and a 429 with Retry-After: the rejection carries the partner’s retry hint', async () => {
    failAt57({ status: 429, headers: { 'retry-after': '3' } }, 1)
    const app = integration({ partnerUrl: api.url, checkpoints: memoryStore() })
    const message = eventBatch({ events: numberedEvents(100), settings: accountSettings })
    const one = await invoke(app.handler, message)
    expect(one.ok).toBe(false)
    if (!one.ok) expect(one.error).toMatchObject({ kind: 'retryable', retryAfterMs: 3000 })
    expect(await invoke(app.handler, message)).toMatchObject({ ok: true })
    expect(
      exactlyOnce(
        await api.accepted(),
        message.events!.map((e) => (e as { id: string }).id),
      ),
    ).toBe(true)
  })

  it('without checkpoints the replay sends events 1–56 again (what checkpoints are for)', async () => {
    failAt57({ status: 503 }, 1)
    const app = integration({ partnerUrl: api.url })
    const message = eventBatch({ events: numberedEvents(100), settings: accountSettings })
    expect(await invoke(app.handler, message)).toMatchObject({ ok: false })
    expect(await invoke(app.handler, message)).toMatchObject({ ok: true })
    const doubled = [...(await api.accepted()).values()].filter((n) => n === 2)
    expect(doubled).toHaveLength(56)
  })

  describe('with dynamoStore on dynalite, two handler instances (two Lambda containers) sharing the table', () => {
    const dynamoContainerStore = sharedDynamoTable('acceptance-checkpoints')
    const container = (): { store: CheckpointStore } => ({ store: dynamoContainerStore() })

    it('first delivery on instance A fails at event 57, the second on instance B sends only 57–100', async () => {
      failAt57({ status: 503 }, 1)
      const a = integration({ partnerUrl: api.url, checkpoints: container().store })
      const b = integration({ partnerUrl: api.url, checkpoints: container().store })
      await replayScenario(a, b)
    })

    it('with client retries inside the first delivery (503 three times at event 57), still exactly once', async () => {
      failAt57({ status: 503 }, 3)
      const a = integration({ partnerUrl: api.url, checkpoints: container().store, retries: 2 })
      const b = integration({ partnerUrl: api.url, checkpoints: container().store, retries: 2 })
      const events = numberedEvents(100)
      const ids = events.map((e) => e.id)
      const message = eventBatch({ events, settings: accountSettings, accountId: 1234 })
      expect(await invoke(a.handler, message)).toMatchObject({ ok: false })
      expect(api.received().get(ids[56]!)).toBe(3)
      expect(await invoke(b.handler, message)).toMatchObject({ ok: true })
      expect(exactlyOnce(await api.accepted(), ids)).toBe(true)
      // A third delivery (a late duplicate) sends nothing.
      const before = api.requests.length
      expect(await invoke(a.handler, message)).toMatchObject({ ok: true })
      expect(api.requests).toHaveLength(before)
    })
  })
})

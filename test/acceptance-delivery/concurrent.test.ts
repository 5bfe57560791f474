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

/** A gate the partner waits on before answering: the test, not a clock, decides when the first delivery moves on. */
const gate = () => {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

/** Resolves once `condition` holds, however long the machine takes to get there. */
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/**
 * mParticle retries a message whose first delivery has not answered yet (it timed out on its side).
 * The retry must not send what the first delivery is sending, and must not acknowledge the message
 * while another delivery still holds events: that delivery may yet fail, and nobody would retry it.
 */
const concurrentScenario = async (first: CheckpointStore, second: CheckpointStore) => {
  const events = numberedEvents(20)
  const ids = events.map((e) => e.id)
  const held = gate()
  api.script({ ...ok, until: held.opened }, ...Array.from({ length: 19 }, () => ok))
  const a = integration({ partnerUrl: api.url, checkpoints: first })
  const b = integration({ partnerUrl: api.url, checkpoints: second })
  const message = eventBatch({ events, settings: accountSettings, accountId: 77 })

  const running = invoke(a.handler, message)
  await until(() => api.requests.length === 1) // the first delivery is mid-batch: the partner holds its call for event 1
  const retry = await invoke(b.handler, message)
  held.open()
  const original = await running

  expect(original).toMatchObject({ ok: true })
  // The retry found events claimed by the running delivery: it sent none of them and asks to be retried.
  expect(retry.ok).toBe(false)
  if (!retry.ok) expect(retry.error.kind).toBe('retryable')
  expect(exactlyOnce(api.received(), ids)).toBe(true)

  // mParticle delivers once more: everything is delivered, nothing is sent.
  const before = api.requests.length
  expect(await invoke(b.handler, message)).toMatchObject({ ok: true })
  expect(api.requests).toHaveLength(before)
  expect(exactlyOnce(api.received(), ids)).toBe(true)
}

describe('two deliveries of the same message at the same time (a retry while the first is in flight)', () => {
  it('with one memoryStore: each event reaches the partner once', async () => {
    const store = memoryStore()
    await concurrentScenario(store, store)
  })

  it('when the first delivery then fails, the third delivery sends only what is left, exactly once overall', async () => {
    const events = numberedEvents(10)
    const ids = events.map((e) => e.id)
    // Events 1-4 fine (event 1 held until the retry has run), event 5 fails (the first delivery rejects), the rest fine.
    const held = gate()
    api.script({ ...ok, until: held.opened }, ok, ok, ok, { status: 503 })
    const store = memoryStore()
    const app = integration({ partnerUrl: api.url, checkpoints: store })
    const message = eventBatch({ events, settings: accountSettings })
    const running = invoke(app.handler, message)
    await until(() => api.requests.length === 1)
    const retry = await invoke(app.handler, message)
    held.open()
    expect(retry).toMatchObject({ ok: false })
    expect(await running).toMatchObject({ ok: false })
    expect(await invoke(app.handler, message)).toMatchObject({ ok: true })
    expect(exactlyOnce(await api.accepted(), ids)).toBe(true)
    expect(api.received().get(ids[4]!)).toBe(2)
  })

  describe('with dynamoStore shared by two containers', () => {
    const dynamoContainerStore = sharedDynamoTable('concurrent-checkpoints')

    it('each event reaches the partner once', async () => {
      await concurrentScenario(dynamoContainerStore(), dynamoContainerStore())
    })
  })
})

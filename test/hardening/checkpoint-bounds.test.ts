import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { firehose, memoryStore, retryable, setting, type CheckpointStore } from '../../src/index.js'
import { createCheckpointTable, dynamoStore } from '../../src/delivery/dynamodb.js'
import { customEvent, eventBatch, memoryLogger } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { startDynalite } from '../delivery/support/dynalite-server.js'
import type { Event } from '../../src/schema/index.js'

const registration = {
  name: 'Bounded store',
  version: '1.0',
  events: { settings: { apiKey: setting.text({ name: 'API Key', required: true }) }, types: ['custom_event'] },
} as const
const settings = { apiKey: 'k-1234' }

const never = <A>(): Promise<A> => new Promise<A>(() => undefined)

/** A store whose chosen calls never answer. */
const hanging = (calls: ReadonlyArray<keyof CheckpointStore>): CheckpointStore => {
  const inner = memoryStore()
  const pick = <K extends keyof CheckpointStore>(name: K): CheckpointStore[K] => (calls.includes(name) ? ((() => never()) as CheckpointStore[K]) : inner[name])
  return { claim: pick('claim'), markDelivered: pick('markDelivered'), release: pick('release'), delivered: pick('delivered') }
}

/** Counts round trips per call kind; every call of a kind is one round trip. */
const counting = (inner: CheckpointStore) => {
  const trips = { claim: 0, markDelivered: 0, release: 0, delivered: 0 }
  const store: CheckpointStore = {
    claim: (key, lease) => (trips.claim++, inner.claim(key, lease)),
    markDelivered: (key) => (trips.markDelivered++, inner.markDelivered(key)),
    release: (key) => (trips.release++, inner.release(key)),
    delivered: (keys) => (trips.delivered++, inner.delivered!(keys)),
  }
  return { store, trips, reset: () => Object.keys(trips).forEach((k) => (trips[k as keyof typeof trips] = 0)) }
}

const events = (count: number): Event[] => {
  const start = Date.now() - count
  return Array.from({ length: count }, (_, i) => customEvent({ name: `e${i}`, timestamp_ms: start + i }))
}

describe('finding 4: every checkpoint-store call races the deadline', () => {
  for (const calls of [['claim'], ['delivered'], ['markDelivered'], ['release'], ['claim', 'delivered', 'markDelivered', 'release']] as const) {
    it(`a store whose ${calls.join(', ')} never answers does not hold the invocation past its deadline`, async () => {
      const logger = memoryLogger()
      const handler = firehose(
        { registration, on: { custom_event: (event) => (event.name === 'e1' ? E.left(retryable('busy')) : E.right(undefined)) } },
        { logger, checkpoints: hanging(calls) },
      )
      const started = Date.now()
      // 1 s Lambda timeout: the signal fires 250 ms before it.
      const outcome = await handler(eventBatch({ settings, events: events(3) }), fakeLambdaContext({ timeoutMs: 1_000 })).then(
        (response) => ({ response }),
        (error: Error) => ({ error }),
      )
      expect(Date.now() - started).toBeLessThan(3_000) // the store never answers: without the race this is forever
      // Items whose claim (or mark) did not finish are retryable: the message is delivered again.
      expect('error' in outcome && outcome.error.message).toBeTruthy()
    })
  }
})

describe('finding 3 (store side): a store that is down writes a bounded number of lines', () => {
  it('1,000 events through onEvents against a failing store: at most 21 store lines, every event retryable', async () => {
    const logger = memoryLogger()
    const failing: CheckpointStore = {
      claim: () => Promise.reject(new Error('down')),
      markDelivered: () => Promise.reject(new Error('down')),
      release: () => Promise.reject(new Error('down')),
    }
    let called = 0
    const handler = firehose({ registration, onEvents: () => (called++, E.right(undefined)) }, { logger, checkpoints: failing })
    const rejected = await handler(eventBatch({ settings, events: events(1_000) }), fakeLambdaContext({ timeoutMs: 30_000 })).then(
      () => false,
      () => true,
    )
    expect(rejected).toBe(true)
    expect(called).toBe(0)
    const storeLines = logger.records().filter((line) => String(line.message).includes('checkpoint store'))
    expect(storeLines.length).toBeLessThanOrEqual(21)
  })
})

describe('finding 5: a redelivery recognises delivered events in one round trip', () => {
  it('counts round trips: a redelivery of a delivered 150-event batch claims nothing', async () => {
    const { store, trips, reset } = counting(memoryStore())
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } }, { logger: memoryLogger(), checkpoints: store })
    const message = eventBatch({ settings, events: events(150) })
    await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))
    expect(trips).toEqual({ delivered: 1, claim: 150, markDelivered: 150, release: 0 })
    reset()
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(trips).toEqual({ delivered: 1, claim: 0, markDelivered: 0, release: 0 })
  })

  it('every redelivery makes progress: with a per-delivery budget of N round trips, 150 events finish in ceil(150 / (N/2)) deliveries', async () => {
    // A store that runs out of "time" after `budget` claim+mark round trips per delivery (a fake clock: no machine speed involved).
    const budget = 40
    const inner = memoryStore()
    let left = budget
    const store: CheckpointStore = {
      claim: async (key, lease) => (left-- > 0 ? inner.claim(key, lease) : Promise.reject(new Error('out of time'))),
      markDelivered: async (key) => (left-- > 0 ? inner.markDelivered(key) : Promise.reject(new Error('out of time'))),
      release: (key) => inner.release(key),
      delivered: (keys) => inner.delivered!(keys),
    }
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } }, { logger: memoryLogger(), checkpoints: store })
    const message = eventBatch({ settings, events: events(150) })
    const progress: number[] = []
    for (let delivery = 1; delivery <= 20; delivery++) {
      left = budget
      const done = await handler(message, fakeLambdaContext({ timeoutMs: 30_000 })).then(
        () => true,
        () => false,
      )
      progress.push((await inner.delivered!(message.events.map((e) => `${message.account?.account_id ?? 'none'}/on:custom_event/${(e as Event).id}`))).size)
      if (done) break
    }
    // Each delivery delivers budget/2 new events (a claim and a mark each): +20 every time, never +0.
    expect(progress[0]).toBe(20)
    for (let i = 1; i < progress.length; i++) expect(progress[i]! - progress[i - 1]!).toBe(Math.min(20, 150 - progress[i - 1]!))
    expect(progress).toEqual([20, 40, 60, 80, 100, 120, 140, 150])
  })
})

describe('finding 7: a failed markDelivered is tried again before giving up', () => {
  it('a mark that fails once is recorded on the second attempt, and the event is not retried', async () => {
    const inner = memoryStore()
    let failures = 1
    const store: CheckpointStore = { ...inner, markDelivered: async (key) => (failures-- > 0 ? Promise.reject(new Error('flaky')) : inner.markDelivered(key)) }
    let sent = 0
    const handler = firehose({ registration, on: { custom_event: () => (sent++, E.right(undefined)) } }, { logger: memoryLogger(), checkpoints: store })
    const message = eventBatch({ settings, events: [customEvent()] })
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))
    expect(sent).toBe(1)
  })
})

describe('dynamoStore.delivered: BatchGetItem, 100 keys per call', () => {
  let dynamo: Awaited<ReturnType<typeof startDynalite>>
  beforeAll(async () => {
    dynamo = await startDynalite()
    await createCheckpointTable(dynamo.client, 'batched')
  })
  afterAll(async () => {
    await dynamo?.stop()
  })

  it('finds the delivered keys among 250, ignoring claimed and unknown ones', async () => {
    const store = dynamoStore({ client: dynamo.client, table: 'batched' })
    const keys = Array.from({ length: 250 }, (_, i) => `batched-${i}`)
    for (const key of keys.filter((_, i) => i % 3 === 0)) await store.markDelivered(key)
    for (const key of keys.filter((_, i) => i % 3 === 1)) await store.claim(key, 60_000)
    const sends: string[] = []
    const client = new Proxy(dynamo.client, {
      get: (target, name) =>
        name === 'send' ? (command: { constructor: { name: string } }) => (sends.push(command.constructor.name), target.send(command as never)) : Reflect.get(target, name),
    })
    const found = await dynamoStore({ client, table: 'batched' }).delivered!(keys)
    expect([...found].sort()).toEqual(keys.filter((_, i) => i % 3 === 0).sort())
    expect(sends).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'BatchGetItemCommand'])
  })
})

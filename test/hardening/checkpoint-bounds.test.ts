import { describe, expect, it, vi } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { firehose, memoryStore, retryable, setting, type CheckpointStore } from '../../src/index.js'
import { dynamoStore } from '../../src/delivery/dynamodb.js'
import { customEvent, eventBatch, memoryLogger } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { dynaliteTable } from '../delivery/support/dynalite-server.js'
import { DEFAULTS } from '../../src/core/defaults.js'
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

  it('every redelivery makes progress: a delivery whose time runs out after N store requests, then the next, until 150 events are done, none sent twice', async () => {
    // Time as store requests: after `budget` of them the delivery's deadline has passed (the clock
    // jumps; no machine speed involved). From then on no claim and no handler starts, what ran is
    // still recorded, and the claims made ahead for events not reached are released. The store's
    // own clock does not jump, so a claim left behind would still be busy for the next delivery.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const budget = 40
      const inner = memoryStore({ now: () => performance.timeOrigin + performance.now() })
      let requests = 0
      const tick = (): void => {
        if (++requests === budget) vi.setSystemTime(Date.now() + 60_000)
      }
      const store: CheckpointStore = {
        claim: async (key, lease) => (tick(), inner.claim(key, lease)),
        markDelivered: async (key) => (tick(), inner.markDelivered(key)),
        release: (key) => inner.release(key),
        delivered: (keys) => inner.delivered!(keys),
      }
      const sent = new Map<string, number>()
      const handler = firehose(
        { registration, on: { custom_event: (event) => (sent.set(event.id, (sent.get(event.id) ?? 0) + 1), E.right(undefined)) } },
        { logger: memoryLogger(), checkpoints: store },
      )
      const message = eventBatch({ settings, events: events(150) })
      const keys = message.events.map((e) => `${message.account?.account_id ?? 'none'}/on:custom_event/${(e as Event).id}`)
      const progress: number[] = []
      for (let delivery = 1; delivery <= 20; delivery++) {
        requests = 0
        const done = await handler(message, fakeLambdaContext({ timeoutMs: 30_000 })).then(
          () => true,
          () => false,
        )
        progress.push((await inner.delivered!(keys)).size)
        if (done) break
      }
      // Every delivery delivers new events (at least as many as a claim and a mark each would
      // allow once the claims made ahead are paid for), and the last one finishes the batch.
      const atLeast = (budget - DEFAULTS.claimsAhead) / 2
      expect(progress[0]).toBeGreaterThanOrEqual(atLeast)
      for (let i = 1; i < progress.length; i++) expect(progress[i]! - progress[i - 1]!).toBeGreaterThanOrEqual(Math.min(atLeast, 150 - progress[i - 1]!))
      expect(progress.at(-1)).toBe(150)
      expect(sent.size).toBe(150)
      expect([...sent.values()].every((times) => times === 1)).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('claims made ahead for events a stopping failure leaves unreached are released, not left busy until their lease ends', async () => {
    const inner = memoryStore()
    const released: string[] = []
    // Asynchronous (no synchronous twins), so the runtime claims ahead as it does for dynamoStore.
    const store: CheckpointStore = {
      claim: async (key, lease) => inner.claim(key, lease),
      markDelivered: async (key) => inner.markDelivered(key),
      release: async (key) => (released.push(key), inner.release(key)),
      delivered: async (keys) => inner.delivered!(keys),
    }
    const batch = events(40)
    const stopAt = batch[4]!.id
    const handler = firehose(
      { registration, on: { custom_event: (event) => (event.id === stopAt ? E.left(retryable('partner down')) : E.right(undefined)) } },
      { logger: memoryLogger(), checkpoints: store },
    )
    const message = eventBatch({ settings, events: batch })
    await expect(handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))).rejects.toThrow()
    const key = (event: Event) => `${message.account?.account_id ?? 'none'}/on:custom_event/${event.id}`
    const ordered = message.events as Event[]
    const failed = ordered.findIndex((event) => event.id === stopAt)
    // The failed event's own claim is released as always; the ones claimed ahead after it too.
    expect(released.length).toBeGreaterThan(1)
    for (const event of ordered.slice(failed)) expect(await inner.claim(key(event), 60_000)).toBe('claimed')
    for (const event of ordered.slice(0, failed)) expect(await inner.claim(key(event), 60_000)).toBe('delivered')
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
  const dynamo = dynaliteTable('batched')

  it('finds the delivered keys among 250, ignoring claimed and unknown ones', async () => {
    const store = dynamoStore({ client: dynamo().client, table: 'batched' })
    const keys = Array.from({ length: 250 }, (_, i) => `batched-${i}`)
    for (const key of keys.filter((_, i) => i % 3 === 0)) await store.markDelivered(key)
    for (const key of keys.filter((_, i) => i % 3 === 1)) await store.claim(key, 60_000)
    const sends: string[] = []
    const client = new Proxy(dynamo().client, {
      get: (target, name) =>
        name === 'send' ? (command: { constructor: { name: string } }) => (sends.push(command.constructor.name), target.send(command as never)) : Reflect.get(target, name),
    })
    const found = await dynamoStore({ client, table: 'batched' }).delivered!(keys)
    expect([...found].sort()).toEqual(keys.filter((_, i) => i % 3 === 0).sort())
    expect(sends).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'BatchGetItemCommand'])
  })
})

import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { firehose, memoryStore } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { customEvent, eventBatch } from '../../src/testing/builders.js'

const registration = { name: 'A', version: '1', events: { types: ['custom_event'] } } as const
const lambdaContext = () => ({ awsRequestId: 'clock', getRemainingTimeInMillis: () => 60_000 }) as never

/** Date.now, counted (and moved `offsetMs` ahead), installed before the store is made so that the store's clock is this one. */
const countedClock = () => {
  const real = Date.now.bind(Date)
  const clock = { reads: 0, offsetMs: 0 }
  vi.spyOn(Date, 'now').mockImplementation(() => {
    clock.reads++
    return real() + clock.offsetMs
  })
  return clock
}

const app = (onEvent: (name: string) => void = () => undefined) => {
  const store = memoryStore()
  const handler = firehose({ registration, on: { custom_event: (event: { name?: string }) => (onEvent(event.name ?? ''), E.right(undefined)) } } as never, {
    auth: false,
    logger: memoryLogger(),
    checkpoints: store,
  })
  return { handler, store }
}

/** A batch of `count` custom events, and the checkpoint key of each one's `on` handler. */
const batch = (count: number) => {
  const events = Array.from({ length: count }, (_, i) => customEvent({ name: `e${i + 1}` }))
  const message = eventBatch({ events })
  return { message, keys: events.map((event) => `${message.account!.account_id}/on:custom_event/${event.id}`) }
}

describe('one clock read per event through a synchronous memoryStore (the mark and the next deadline check share one)', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('reads the clock once per event more, not twice, and every event is claimed and marked', async () => {
    const clock = countedClock()
    const { handler, store } = app()
    const readsFor = async (count: number) => {
      const { message, keys } = batch(count)
      const before = clock.reads
      await handler(message, lambdaContext())
      const reads = clock.reads - before
      // Every event was marked: a redelivery finds each one delivered.
      const again = await store.delivered!(keys)
      expect(again.size).toBe(count)
      return reads
    }
    await readsFor(5) // warm: the first message may read more (lazy set-up)
    expect((await readsFor(20)) - (await readsFor(10))).toBe(10)
  })

  it('still stops at the deadline: once a handler runs past it, the events after it do not run, and its own is marked', async () => {
    const clock = countedClock()
    const ran: string[] = []
    const { handler, store } = app((name) => {
      ran.push(name)
      if (name === 'e3') clock.offsetMs = 10 * 60_000
    })
    const { message, keys } = batch(6)
    // The message ends retryable: its last three events wait for the next delivery.
    await expect(handler(message, lambdaContext())).rejects.toThrow('deadline reached')
    expect(ran).toEqual(['e1', 'e2', 'e3'])
    // e1-e3 delivered (e3's mark was made after the deadline, as marks are); e4-e6 never claimed.
    expect([...(await store.delivered!(keys))].sort()).toEqual(keys.slice(0, 3).sort())
    expect(await store.claim(keys[3]!, 1_000)).toBe('claimed')
  })
})

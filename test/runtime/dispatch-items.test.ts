import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { DispatchResult, FirehoseMiddleware, FirehoseRequest, ItemOutcome } from '../../middlewares/index.js'
import { itemsToFold, withDeliveredTail } from '../../src/core/delivered-tail.js'
import { firehose, permanent } from '../../src/index.js'
import { customEvent, eventBatch, invoke, memoryLogger, screenView } from '../../src/testing/index.js'

const registration = { name: 'Items', version: '1.0', events: { types: ['custom_event', 'screen_view'] } } as const

/** A partner's middleware that records the base handler's items (its `after` runs before `errors`'). */
const recorder = () => {
  const seen: Array<ReadonlyArray<ItemOutcome>> = []
  const middleware: FirehoseMiddleware = { after: (request: FirehoseRequest) => void seen.push([...(request.response as DispatchResult).items]) }
  return { seen, middleware }
}

const delivered = (item: string, stage: string): ItemOutcome => ({ item, stage, kind: 'delivered' })

describe("the base handler's items for an event batch", () => {
  // Batches of both sizes: small ones make their outcomes as they come, larger ones only when read.
  for (const size of [3, 40]) {
    const events = Array.from({ length: size }, (_, i) => (i % 3 === 1 ? screenView() : customEvent()))
    const message = eventBatch({ events })
    const stageOf = (i: number): string => (i % 3 === 1 ? 'on:screen_view' : 'on:custom_event')
    const allDelivered = events.map((event, i) => delivered(event.id, stageOf(i)))

    it(`list every delivered event, in dispatch order, when every handler delivers (${size} events)`, async () => {
      const { seen, middleware } = recorder()
      const handler = firehose({ registration, on: { custom_event: () => E.right(undefined), screen_view: () => undefined } }, { auth: false, logger: memoryLogger() }).use(
        middleware,
      )
      expect(await invoke(handler, message)).toMatchObject({ ok: true })
      expect(seen).toEqual([allDelivered])
    })

    it(`keep the delivered events around a failure in their places (${size} events)`, async () => {
      const { seen, middleware } = recorder()
      const logger = memoryLogger()
      const failing = events[1]!.id
      const handler = firehose(
        { registration, on: { custom_event: () => E.right(undefined), screen_view: (event: { id: string }) => (event.id === failing ? E.left(permanent('no')) : undefined) } },
        { auth: false, logger },
      ).use(middleware)
      expect(await invoke(handler, message)).toMatchObject({ ok: true })
      expect(seen).toEqual([allDelivered.map((item, i) => (i === 1 ? { ...item, kind: 'permanent', reason: 'no' } : item))])
      expect(logger.records().filter((r) => r.message === 'item failed for good')).toHaveLength(1)
    })

    it(`are the same with concurrency and with asynchronous handlers (${size} events)`, async () => {
      for (const options of [{ batch: { concurrency: 2 } }, {}]) {
        const { seen, middleware } = recorder()
        const on = { custom_event: async () => E.right(undefined), screen_view: async () => undefined }
        const handler = firehose({ registration, on }, { auth: false, logger: memoryLogger(), ...options }).use(middleware)
        expect(await invoke(handler, message)).toMatchObject({ ok: true })
        expect(seen).toEqual([allDelivered])
      }
    })

    it(`once read, are what errors folds: a middleware that adds a failure to them is heard (${size} events)`, async () => {
      const adds: FirehoseMiddleware = {
        after: (request: FirehoseRequest) => void (request.response as { items: ItemOutcome[] }).items.push({ item: 'x', stage: 'mine', kind: 'retryable', reason: 'later' }),
      }
      const handler = firehose({ registration, on: { custom_event: () => undefined, screen_view: () => undefined } }, { auth: false, logger: memoryLogger() }).use(adds)
      expect(await invoke(handler, message)).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    })
  }
})

describe('withDeliveredTail', () => {
  const failed: ItemOutcome = { item: 'e0', stage: 'validate', kind: 'skipped', reason: 'old' }

  it('makes the tail only when items are read, once', () => {
    let made = 0
    const result = withDeliveredTail([failed], () => (made++, [delivered('e1', 'on:x')]))
    expect(itemsToFold(result)).toEqual([failed])
    expect(made).toBe(0)
    expect(result.items).toEqual([failed, delivered('e1', 'on:x')])
    expect(result.items).toBe(result.items)
    expect(made).toBe(1)
    expect(itemsToFold(result)).toBe(result.items)
  })

  it('is seen whole by a spread and by JSON.stringify', () => {
    const result = withDeliveredTail([failed], () => [delivered('e1', 'on:x')])
    expect({ ...result }).toEqual({ items: [failed, delivered('e1', 'on:x')] })
    expect(JSON.parse(JSON.stringify(withDeliveredTail([], () => [delivered('e1', 'on:x')])))).toEqual({ items: [delivered('e1', 'on:x')] })
  })

  it('itemsToFold reads a plain result and refuses anything else', () => {
    expect(itemsToFold({ items: [failed] })).toEqual([failed])
    expect(itemsToFold({ items: 'no' })).toBeUndefined()
    expect(itemsToFold(null)).toBeUndefined()
    expect(itemsToFold('text')).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { createHttpClient, firehose, memoryStore, setting } from '../../src/index.js'
import { audienceMembership, customEvent, eventBatch, memoryLogger, recordingFetch, userProfile } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'

const settings = { apiKey: setting.text({ name: 'API Key', required: true }) }
const registration = { name: 'Keyed', version: '1.0', events: { settings, types: ['custom_event'] }, audiences: { settings } } as const
const accountSettings = { apiKey: 'k-1234' }
const HEADER = 'Idempotency-Key'
const context = () => fakeLambdaContext({ timeoutMs: 30_000 })
const keyOf = (call: { headers: Readonly<Record<string, string>> }) => call.headers['idempotency-key']

describe('findings 7 and 8: idempotency keys stable across retries and redeliveries', () => {
  it('off by default: no header', async () => {
    const api = recordingFetch()
    const handler = firehose(
      { registration, on: { custom_event: (event, ctx) => ctx.http.send({ url: 'https://api.example/e', json: { id: event.id } }) } },
      { logger: memoryLogger(), http: createHttpClient({ fetch: api.fetch }) },
    )
    await handler(eventBatch({ settings: accountSettings, events: [customEvent()] }), context())
    expect(api.requests.every((request) => keyOf(request) === undefined)).toBe(true)
  })

  it('the same event keeps its key across client retries and a redelivery after an accepted-then-timed-out call; other events and other calls get other keys', async () => {
    // Call 1 (e1) answers 500 then 200 on its retry; e2's first call "times out" (the partner got it); the redelivery sends e2 again.
    let call = 0
    const api = recordingFetch(() => {
      call++
      if (call === 1) return { status: 500 }
      if (call === 4 || call === 5) return { networkError: 'timeout' }
      return { status: 200 }
    })
    const http = createHttpClient({ fetch: api.fetch, idempotencyHeader: HEADER, retries: 1, backoff: { baseMs: 1, maxMs: 1 } })
    const handler = firehose(
      {
        registration,
        on: {
          custom_event: async (event, ctx) => {
            const first = await ctx.http.send({ url: 'https://api.example/profile', json: { id: event.id } })
            if (E.isLeft(first)) return first
            return ctx.http.send({ url: 'https://api.example/track', json: { id: event.id } })
          },
        },
      },
      { logger: memoryLogger(), http, checkpoints: memoryStore() },
    )
    const [e1, e2] = [customEvent({ timestamp_ms: 1 }), customEvent({ timestamp_ms: 2 })]
    const message = eventBatch({ settings: accountSettings, events: [e1, e2] })
    await handler(message, context()).catch(() => undefined)
    await handler(message, context())
    const calls = api.requests.map((request) => ({ path: request.path, id: (request.body as { id: string }).id, key: keyOf(request) }))
    // e1: profile (500), profile retry (200), track; e2: profile (timeout, retried: the client retries network errors)...
    for (const { key } of calls) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const keysFor = (id: string, path: string) => new Set(calls.filter((c) => c.id === id && c.path === path).map((c) => c.key))
    expect(calls.filter((c) => c.id === e1.id).map((c) => c.path)).toEqual(['/profile', '/profile', '/track'])
    // e2's profile call: two timed-out attempts, then the redelivery's (e1 is not sent again).
    expect(calls.filter((c) => c.id === e2.id).map((c) => c.path)).toEqual(['/profile', '/profile', '/profile', '/track'])
    for (const id of [e1.id, e2.id]) for (const path of ['/profile', '/track']) expect(keysFor(id, path).size).toBe(1)
    const distinct = new Set([...keysFor(e1.id, '/profile'), ...keysFor(e1.id, '/track'), ...keysFor(e2.id, '/profile'), ...keysFor(e2.id, '/track')])
    expect(distinct.size).toBe(4)
  })

  it('a redelivered message whose events were not marked sends the same keys (onEvents bulk, onAudience)', async () => {
    const api = recordingFetch()
    const http = createHttpClient({ fetch: api.fetch, idempotencyHeader: HEADER })
    const handler = firehose(
      {
        registration,
        onEvents: ({ events }, ctx) => ctx.http.send({ url: 'https://api.example/bulk', json: events.map((e) => e.id) }),
        onAudience: (request, ctx) => ctx.http.send({ url: 'https://api.example/audience', json: { id: request.id } }),
      },
      { logger: memoryLogger(), http },
    )
    const batch = eventBatch({ settings: accountSettings, events: [customEvent(), customEvent()] })
    const membership = audienceMembership({ settings: accountSettings, profiles: [userProfile({ email: 'a@example.com' })] })
    for (let i = 0; i < 2; i++) {
      await handler(batch, context())
      await handler(membership, context())
    }
    const keys = api.requests.map(keyOf)
    expect(keys[0]).toBe(keys[2])
    expect(keys[1]).toBe(keys[3])
    expect(keys[0]).not.toBe(keys[1])
  })

  it('a header the call sets itself wins', async () => {
    const api = recordingFetch()
    const http = createHttpClient({ fetch: api.fetch, idempotencyHeader: HEADER })
    const handler = firehose(
      { registration, on: { custom_event: (event, ctx) => ctx.http.send({ url: 'https://api.example/e', headers: { 'idempotency-key': `mine-${event.id}` }, json: {} }) } },
      { logger: memoryLogger(), http },
    )
    const event = customEvent()
    await handler(eventBatch({ settings: accountSettings, events: [event] }), context())
    expect(keyOf(api.requests[0]!)).toBe(`mine-${event.id}`)
  })
})

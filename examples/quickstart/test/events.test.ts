import { describe, expect, it } from 'vitest'
import { customEvent, eventBatch, invoke, screenView, sessionStart } from 'firehose-kit/testing'
import { API_KEY, acme, settings } from './support.js'

const TRACK = 'https://api.acme.example/v1/track'
const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }

describe('events are tracked in Acme, one call each', () => {
  it('a custom event becomes one POST /v1/track with the exact headers and body', async () => {
    const { handler, api } = acme()
    const event = customEvent({ name: 'Signup', attributes: { plan: 'pro' }, timestamp_ms: 1_795_000_000_000 })
    const message = eventBatch({ events: [event], settings })

    const result = await invoke(handler, message)

    expect(result).toEqual({
      ok: true,
      response: { type: 'event_processing_response', id: message.id, timestamp_ms: expect.any(Number), firehose_version: '3.2.0' },
    })
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: TRACK,
        headers,
        body: {
          type: 'track',
          name: 'Signup',
          messageId: event.id,
          timestamp: 1_795_000_000_000,
          userId: 'c-1',
          email: 'user@example.com',
          properties: { plan: 'pro' },
          context: { region: 'us', sandbox: false },
        },
      }),
    ])
  })

  it('a screen view becomes a `screen` call; region and sandbox come from the settings', async () => {
    const { handler, api } = acme()
    const view = screenView({ screen_name: 'Checkout', attributes: {} })
    await invoke(handler, eventBatch({ events: [view], settings: { ...settings, region: 'eu', sandbox: true } }))
    expect(api.calls()).toEqual([
      {
        method: 'POST',
        path: '/v1/track',
        body: expect.objectContaining({ type: 'screen', name: 'Checkout', messageId: view.id, properties: {}, context: { region: 'eu', sandbox: true } }),
      },
    ])
  })

  it('without a customer id the user is mParticle’s id; without identities there is no email', async () => {
    const { handler, api } = acme()
    await invoke(handler, eventBatch({ events: [customEvent()], settings, user_identities: undefined, mpid: '42' }))
    const body = api.requests[0]?.body as Record<string, unknown>
    expect(body.userId).toBe('42')
    expect(body).not.toHaveProperty('email')
  })

  it('sends events in timestamp order and ignores event types the registration does not list', async () => {
    const { handler, api } = acme()
    const events = [customEvent({ name: 'second', timestamp_ms: Date.now() }), sessionStart(), screenView({ screen_name: 'first', timestamp_ms: Date.now() - 5000 })]
    expect((await invoke(handler, eventBatch({ events, settings }))).ok).toBe(true)
    expect(api.requests.map((r) => (r.body as { name: string }).name)).toEqual(['first', 'second'])
  })
})

describe('what Acme answers decides the outcome', () => {
  it('401: the API key is wrong, so the subscription is suspended after one call', async () => {
    const { handler, api, logger } = acme([{ status: 401, json: { error: 'invalid api key' } }])
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(api.requests).toHaveLength(1)
    expect(logger.lines.join('\n')).not.toContain(API_KEY)
  })

  it('503 then 200: retried with the same request, then delivered', async () => {
    const { handler, api } = acme([{ status: 503 }])
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(result.ok).toBe(true)
    expect(api.requests).toHaveLength(2)
    expect(api.requests[1]).toEqual(api.requests[0])
  })

  it('503 on every attempt: the message is rejected as retryable for mParticle to deliver again', async () => {
    const { handler, api } = acme(() => ({ status: 503 }))
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(!result.ok && result.error.kind).toBe('retryable')
    expect(api.requests).toHaveLength(3)
  })

  it('429 with Retry-After beyond the call budget: answered over HTTP as 429 with that Retry-After', async () => {
    const { handler } = acme(() => ({ status: 429, headers: { 'retry-after': '30' } }))
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }), { via: 'http-api', token: 'test-token' })
    expect(result.status).toBe(429)
    expect(result.headers['retry-after']).toBe('30')
  })

  it('400 for one event is that event’s permanent failure; the others are still sent', async () => {
    const { handler, api, logger } = acme((request) => ((request.body as { name: string }).name === 'bad' ? { status: 400 } : { status: 200 }))
    const events = ['a', 'bad', 'c'].map((name, i) => customEvent({ name, timestamp_ms: Date.now() - 3000 + i }))
    const result = await invoke(handler, eventBatch({ events, settings }))
    expect(result.ok).toBe(true)
    expect(api.requests).toHaveLength(3)
    expect(logger.records().filter((r) => r.message === 'item failed for good')).toHaveLength(1)
  })
})

describe('settings and verification', () => {
  it('a verification request (no events, no user data) is answered without calling Acme', async () => {
    const { handler, api } = acme()
    const message = eventBatch({ events: [], settings, user_identities: undefined, user_attributes: undefined, mpid: undefined, runtime_environment: undefined })
    expect((await invoke(handler, message)).ok).toBe(true)
    expect(api.requests).toEqual([])
  })

  it('a missing API key suspends the subscription without a call', async () => {
    const { handler, api } = acme()
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings: {} }))
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(api.requests).toEqual([])
  })

  it('an API key that cannot go in a header suspends too, and is never logged', async () => {
    const { handler, api, logger } = acme()
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings: { apiKey: 'pasted key\n' } }))
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(api.requests).toEqual([])
    expect(logger.lines.join('\n')).not.toContain('pasted key')
  })

  it('over HTTP, only callers with the token get in', async () => {
    const { handler, api } = acme()
    const message = eventBatch({ events: [customEvent()], settings })
    expect((await invoke(handler, message, { via: 'http-api', token: 'wrong' })).status).toBe(401)
    expect(api.requests).toEqual([])
    expect((await invoke(handler, message, { via: 'http-api', token: 'test-token' })).status).toBe(200)
    expect(api.requests).toHaveLength(1)
  })
})

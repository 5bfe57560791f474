import { describe, expect, it } from 'vitest'
import { decodeMessage } from 'firehose-kit/schema'
import { customEvent, eventBatch, everyEvent, invoke, registrationRequest } from 'firehose-kit/testing'
import { leaks, ok, settings, slack, WEBHOOK_URL } from './support.js'

describe('each custom event is one post to the webhook', () => {
  it('POSTs `{ text }` as JSON to the webhook URL: bold event name, the user’s email, one line per attribute', async () => {
    const { handler, api } = slack()
    const event = customEvent({ name: 'Signup', attributes: { plan: 'pro', seats: '5' } })
    const message = eventBatch({ events: [event], settings })

    const result = await invoke(handler, message)

    expect(result).toEqual({
      ok: true,
      response: { type: 'event_processing_response', id: message.id, timestamp_ms: expect.any(Number), firehose_version: '3.2.0' },
    })
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: WEBHOOK_URL,
        headers: { 'content-type': 'application/json' },
        body: { text: '*Signup* from user@example.com\n• plan: pro\n• seats: 5' },
      }),
    ])
  })

  it('names the user by mParticle id when there is no email, and escapes what Slack would read as markup', async () => {
    const { handler, api } = slack()
    const event = customEvent({ name: 'A&B <!channel>', attributes: { 'x<y': '<https://evil.example|click>' } })
    await invoke(handler, eventBatch({ events: [event], settings, user_identities: undefined, mpid: '8675309' }))
    expect(api.requests[0]?.body).toEqual({ text: '*A&amp;B &lt;!channel&gt;* from mpid 8675309\n• x&lt;y: &lt;https://evil.example|click&gt;' })
  })

  it('ignores every event type but custom events', async () => {
    const { handler, api } = slack()
    const result = await invoke(handler, eventBatch({ events: everyEvent(), settings }))
    expect(result.ok).toBe(true)
    expect(api.requests).toHaveLength(1)
    expect(api.requests[0]?.body).toEqual({ text: '*Signup* from user@example.com\n• plan: pro' })
  })

  it('posts several events in timestamp order', async () => {
    const { handler, api } = slack()
    const events = [customEvent({ name: 'second', attributes: {}, timestamp_ms: Date.now() }), customEvent({ name: 'first', attributes: {}, timestamp_ms: Date.now() - 1000 })]
    await invoke(handler, eventBatch({ events, settings, user_identities: undefined, mpid: undefined }))
    expect(api.calls().map((c) => c.body)).toEqual([{ text: '*first* from an unknown user' }, { text: '*second* from an unknown user' }])
  })
})

describe('what Slack answers decides the outcome', () => {
  it('429 with Retry-After: waits that long, then posts again', async () => {
    const sentAt: number[] = []
    const { handler, api } = slack((_, i) => (sentAt.push(Date.now()), i === 0 ? { status: 429, body: 'rate_limited', headers: { 'retry-after': '1' } } : ok))
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(result.ok).toBe(true)
    expect(api.requests).toHaveLength(2)
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(950)
  })

  it('429 with a Retry-After beyond the call budget: retryable, and mParticle is told to wait as long', async () => {
    const { handler, api } = slack(() => ({ status: 429, body: 'rate_limited', headers: { 'retry-after': '30' } }))
    const message = eventBatch({ events: [customEvent()], settings })
    const direct = await invoke(handler, message)
    expect(!direct.ok && { kind: direct.error.kind, retryAfterMs: direct.error.retryAfterMs }).toEqual({ kind: 'retryable', retryAfterMs: 30_000 })
    expect(api.requests).toHaveLength(1)

    const overHttp = await invoke(handler, message, { via: 'http-api', token: 'test-token' })
    expect(overHttp.status).toBe(429)
    expect(overHttp.headers['retry-after']).toBe('30')
  })

  it('500 on every attempt: retried twice, then retryable', async () => {
    const { handler, api } = slack(() => ({ status: 500, body: 'rollup_error' }))
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(!result.ok && result.error.kind).toBe('retryable')
    expect(api.requests).toHaveLength(3)
  })

  it.each([
    [404, 'no_service'],
    [404, 'channel_not_found'],
    [403, 'invalid_token'],
    [410, 'channel_is_archived'],
  ])('%i %s: the webhook is revoked or its channel gone, so the subscription is suspended after one post', async (status, code) => {
    const { handler, api, logger } = slack(() => ({ status, body: code }))
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(api.requests).toHaveLength(1)
    expect(logger.records().find((r) => r.message === 'subscription suspended')?.reason).toContain(`(${code})`)
  })

  it('400 invalid_payload: that event failed for good; the batch is acknowledged', async () => {
    const { handler, logger } = slack(() => ({ status: 400, body: 'invalid_payload' }))
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
    expect(result.ok && result.response.suspend_subscription).toBeUndefined()
    expect(logger.records().filter((r) => r.message === 'item failed for good')).toHaveLength(1)
  })
})

describe('the webhook URL', () => {
  it.each([
    ['not a URL', 'hooks.slack.com/services/T/B/X'],
    ['plain http', 'http://hooks.slack.com/services/T/B/X'],
    ['another host', 'https://hooks.example.com/services/T/B/X'],
    ['not a webhook path', 'https://hooks.slack.com/apps/T/B/X'],
    ['credentials in it', 'https://user:pass@hooks.slack.com/services/T/B/X'],
  ])('%s: suspended without a post', async (_, webhookUrl) => {
    const { handler, api } = slack()
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings: { webhookUrl } }))
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(api.requests).toEqual([])
  })

  it('a missing webhook URL suspends too', async () => {
    const { handler, api } = slack()
    const result = await invoke(handler, eventBatch({ events: [customEvent()], settings: {} }))
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(api.requests).toEqual([])
  })

  it('never appears in a log line or a failure reason, whatever Slack answers', async () => {
    const answers = [
      { status: 404, body: 'no_service' },
      { status: 500, body: 'rollup_error' },
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 400, body: 'invalid_payload' },
      { networkError: 'reset' as const },
    ]
    for (const answer of answers) {
      const { handler, logger } = slack(() => answer)
      const result = await invoke(handler, eventBatch({ events: [customEvent()], settings }))
      expect(logger.lines.length).toBeGreaterThan(0)
      expect(leaks([...logger.lines, result.ok ? '' : result.error.message])).toBe(false)
    }
  })
})

describe('registration', () => {
  it('declares the confidential webhookUrl setting and custom events only, in a response the SDK’s codec reads', async () => {
    const { handler } = slack()
    const result = await invoke(handler, registrationRequest())
    expect(result.ok).toBe(true)
    const response = result.ok ? result.response : {}
    expect(decodeMessage(response, { mode: 'strict' })._tag).toBe('Right')
    expect(response).toMatchObject({
      type: 'module_registration_response',
      event_processing_registration: {
        supported_event_types: ['custom_event'],
        account_settings: [{ id: 'webhookUrl', type: 'text', required: true, confidential: true }],
      },
    })
  })
})

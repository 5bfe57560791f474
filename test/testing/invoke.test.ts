import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createHttpClient, firehose, setting } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { customEvent, eventBatch, invoke, recordingFetch, registrationRequest } from '../../src/testing/index.js'

const build = (outcome: 'ok' | 'throw' = 'ok') => {
  const logger = memoryLogger()
  const partner = recordingFetch()
  const handler = firehose(
    {
      registration: { name: 'T', version: '1', events: { settings: { apiKey: setting.text({ name: 'Key', required: true, confidential: true }) }, types: ['custom_event'] } },
      on: {
        custom_event: async (event, ctx) => {
          ctx.logger.info('sending', { event: event.id })
          if (outcome === 'throw') throw new Error('boom')
          return ctx.http.send({ url: 'https://api.example.test/track', json: { id: event.id } })
        },
      },
    },
    { auth: { tokens: ['tok'] }, logger, http: createHttpClient({ fetch: partner.fetch, retries: 0 }) },
  )
  return { handler, logger, partner }
}

describe('invoke', () => {
  it('direct: resolves with the response and reports what the handler logged and called', async () => {
    const { handler, logger, partner } = build()
    const event = customEvent()
    const result = await invoke(handler, eventBatch({ events: [event], settings: { apiKey: 'secret-key-1' } }), { logger, fetch: partner })
    expect(result).toMatchObject({ ok: true, response: { type: 'event_processing_response' } })
    expect(result.calls?.map((call) => call.body)).toEqual([{ id: event.id }])
    expect(result.logs?.map((line) => line.message)).toContain('sending')
    // a second invocation reports only its own effects
    const again = await invoke(handler, registrationRequest(), { logger, fetch: partner })
    expect(again.calls).toEqual([])
  })

  it('direct: a rejection is reported with the FirehoseError and the value really rejected with', async () => {
    const { handler } = build('throw')
    const result = await invoke(handler, eventBatch({ settings: { apiKey: 'secret-key-1' } }))
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    const plain = await invoke(async () => Promise.reject(new TypeError('x')), {})
    expect(plain).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    if (!plain.ok) expect(plain.rejectedWith).toBeInstanceOf(TypeError)
  })

  it.each(['http-api', 'rest', 'function-url'] as const)('%s: answers with status, headers and parsed JSON; the token is checked', async (via) => {
    const { handler } = build()
    const message = eventBatch({ settings: { apiKey: 'secret-key-1' } })
    const accepted = await invoke(handler, message, { via, token: 'tok' })
    expect(accepted).toMatchObject({ ok: true, status: 200, json: { type: 'event_processing_response', id: message.id } })
    expect((await invoke(handler, message, { via, token: 'wrong' })).status).toBe(401)
    expect((await invoke(handler, message, { via, body: '{not json', token: 'tok' })).status).toBe(400)
  })

  it('the fake context deadline is honoured: a slow handler is cut short as retryable', async () => {
    const handler = firehose(
      {
        registration: { name: 'T', version: '1', events: { types: ['custom_event'] } },
        on: { custom_event: () => new Promise((resolve) => setTimeout(() => resolve(E.right(undefined)), 2000)) },
      },
      { auth: false, logger: memoryLogger(), deadline: { marginMs: 50 } },
    )
    const started = Date.now()
    const result = await invoke(handler, eventBatch(), { timeoutMs: 200 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(Date.now() - started).toBeLessThan(1500)
  })
})

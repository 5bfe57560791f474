import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { memoryStore } from '../../src/index.js'
import { eventBatch, invoke } from '../../src/testing/index.js'
import type { Step } from '../delivery/support/scripted-server.js'
import { accountSettings, integration, numberedEvents, ok, partner, SECRETS, type IntegrationOptions, type Partner } from './support.js'

/**
 * Every failure path, with known secrets in play: a confidential setting (apiKey), the token in
 * options.auth, and API keys passed to the partner in the query and a header. Every captured log
 * line (the runtime's logger and the HTTP client's) and every answer must be free of them.
 */
const secretValues = Object.values(SECRETS)
const captured: string[] = []
let api: Partner

beforeAll(async () => {
  // Production behaviour: tests otherwise run in development mode, where a thrown error's message shows.
  vi.stubEnv('FIREHOSE_DEBUG', '0')
  api = await partner()
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await api.close()
  // Once more over everything every path produced, in case one path's test forgot to look.
  expect(captured.length).toBeGreaterThan(20)
  for (const secret of secretValues) expect(captured.filter((text) => text.includes(secret))).toEqual([])
})

const describeResult = (result: unknown): string =>
  JSON.stringify(result, (_key, value: unknown) => (value instanceof Error ? { ...value, name: value.name, message: value.message } : value))

/** Runs one delivery through a fresh integration, captures logs and answer, and checks them for secrets. */
const run = async (steps: Step[], message: unknown, o: Partial<IntegrationOptions> & { via?: 'direct' | 'http-api'; token?: string; timeoutMs?: number } = {}) => {
  api.reset()
  api.script(...steps)
  const app = integration({ partnerUrl: api.url, checkpoints: memoryStore(), ...o })
  const result =
    o.via === 'http-api'
      ? await invoke(app.handler, message, { via: 'http-api', token: o.token ?? SECRETS.token, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) })
      : await invoke(app.handler, message, o.timeoutMs ? { timeoutMs: o.timeoutMs } : {})
  const texts = [...app.lines(), describeResult(result)]
  captured.push(...texts)
  for (const secret of secretValues) expect(texts.filter((text) => text.includes(secret))).toEqual([])
  return { result, lines: app.lines(), records: [...app.logger.records(), ...app.httpLogger.records()] }
}

const batch = () => eventBatch({ events: numberedEvents(3), settings: accountSettings })

describe('no secret in any log line or answer, on every failure path', () => {
  it('the secrets did reach the partner (so masking is what keeps them out of the logs)', async () => {
    await run([ok, ok, ok], batch())
    const request = api.requests[0]!
    expect(request.url).toContain(`key=${SECRETS.queryKey}`)
    expect(request.headers['x-api-key']).toBe(SECRETS.headerKey)
  })

  it('503 with client retries', async () => {
    const { result, records } = await run([{ status: 503, body: `upstream down for ${SECRETS.headerKey}` }, { status: 503 }, { status: 503 }], batch(), { retries: 2 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(records.filter((r) => r.message === 'partner call failed')).toHaveLength(3)
  })

  it('429 with Retry-After', async () => {
    const { result } = await run([{ status: 429, headers: { 'retry-after': '7' } }], batch())
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable', retryAfterMs: 7000 } })
  })

  it('429 over HTTP: the answer carries Retry-After, not a secret', async () => {
    const { result } = await run([{ status: 429, headers: { 'retry-after': '7' } }], batch(), { via: 'http-api' })
    expect(result).toMatchObject({ status: 429 })
  })

  it('401 from the partner: suspend', async () => {
    const { result } = await run([{ status: 401, body: `{"error":"bad key ${SECRETS.queryKey}"}` }], batch())
    expect(result).toMatchObject({ ok: true, response: { suspend_subscription: true } })
  })

  it('400 from the partner: permanent, logged with the event id', async () => {
    const message = batch()
    const { result, records } = await run([{ status: 400, body: `invalid key ${SECRETS.headerKey}` }, ok, ok], message)
    expect(result).toMatchObject({ ok: true, response: { type: 'event_processing_response' } })
    expect(result).not.toHaveProperty('response.suspend_subscription', true)
    expect(records.some((r) => r.message === 'item failed for good' && r.item === (message.events![0] as { id: string }).id)).toBe(true)
  })

  it('network reset', async () => {
    const { result, records } = await run([{ reset: true }], batch())
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(records.some((r) => r.network === 'reset')).toBe(true)
  })

  it('timeout at the Lambda deadline', async () => {
    const { result } = await run([ok, { hang: true }], batch(), { timeoutMs: 450 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } })
  })

  it('a handler that throws an Error whose message holds the secrets', async () => {
    const { result, records } = await run([], batch(), {
      before: () => {
        throw new Error(`could not call https://api.acme.test/track?key=${SECRETS.queryKey} with ${SECRETS.apiKey} / ${SECRETS.headerKey}`)
      },
    })
    expect(result).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(records.some((r) => r.message === 'message will be retried')).toBe(true)
  })

  it('a handler that writes the confidential setting to ctx.logger gets it masked', async () => {
    const { records } = await run([ok], eventBatch({ events: numberedEvents(1), settings: accountSettings }), {
      ctxLog: (logger) => logger.info('calling partner', { apiKey: SECRETS.apiKey, note: `key is ${SECRETS.apiKey}` }),
    })
    expect(records.some((r) => r.message === 'calling partner')).toBe(true)
  })

  it('a message that cannot be decoded, with a secret where a value is wrong', async () => {
    const message = {
      ...batch(),
      firehose_version: SECRETS.apiKey,
      timestamp_ms: SECRETS.queryKey,
      events: [{ type: 'custom_event', id: SECRETS.headerKey, timestamp_ms: SECRETS.apiKey }],
    }
    const { result } = await run([], message)
    expect(result).toMatchObject({ ok: false, error: { kind: 'decode' } })
    const http = await run([], message, { via: 'http-api' })
    expect(http.result).toMatchObject({ status: 400 })
  })

  it('settings that cannot be read (the confidential one is fine, another is not)', async () => {
    const message = eventBatch({ events: numberedEvents(1), settings: { ...accountSettings, limit: 'lots' } })
    const { result } = await run([], message)
    expect(result).toMatchObject({ ok: true, response: { suspend_subscription: true } })
  })

  it('a refused HTTP delivery with a wrong token built from the right one', async () => {
    const { result } = await run([], batch(), { via: 'http-api', token: `${SECRETS.token}-x` })
    expect(result).toMatchObject({ status: 401 })
  })
})

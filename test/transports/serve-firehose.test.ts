import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { audienceSubscription, customEvent, dsrRequest, eventBatch, registrationRequest } from '../../src/testing/builders.js'
import { serve, type FirehoseServer } from '../../src/transports/serve.js'
import { memoryLogger } from '../../src/logger.js'
import { acme, goodSettings } from '../runtime/acme.js'
import { send } from './http-client.js'

// The real runtime behind the real server: what mParticle sees for each outcome over HTTP.
const token = { authorization: 'Token token-a' }
let server: FirehoseServer
let subscriptionServer: FirehoseServer

const batch = (outcome: string) => eventBatch({ settings: goodSettings, events: [customEvent({ name: 'e', timestamp_ms: 1000, attributes: { outcome } })] })
const post = (srv: FirehoseServer, message: unknown, headers: Record<string, string> = token) => send(srv.url, { body: JSON.stringify(message), headers })

beforeAll(async () => {
  const options = { port: 0, shutdownOnSignals: false, logger: memoryLogger() }
  server = await serve(acme().handler, options)
  subscriptionServer = await serve(acme({ subscription: 'permanent', dsr: 'retryable' }).handler, options)
})
afterAll(async () => {
  await Promise.all([server.close(), subscriptionServer.close()])
})

describe('serve(firehose(...))', () => {
  it('delivered → 200 with the response envelope', async () => {
    const message = batch('ok')
    const answer = await post(server, message)
    expect(answer.status).toBe(200)
    expect(answer.json()).toMatchObject({ type: 'event_processing_response', id: message.id, firehose_version: '3.2.0' })
  })

  it('suspend on an event batch → 200 with suspend_subscription', async () => {
    const answer = await post(server, batch('suspend'))
    expect([answer.status, answer.json().suspend_subscription]).toEqual([200, true])
  })

  it('retryable → 429 with Retry-After; a thrown exception too, without its message', async () => {
    const answer = await post(server, batch('retryable'))
    expect([answer.status, answer.headers['retry-after']]).toEqual([429, '2'])
    const thrown = await post(server, batch('throw'))
    expect(thrown.status).toBe(429)
    expect(thrown.text).not.toContain('user@example.com')
  })

  it('a failed audience subscription → 400; a retryable erasure → 429', async () => {
    expect((await post(subscriptionServer, audienceSubscription({ settings: goodSettings }))).status).toBe(400)
    expect((await post(subscriptionServer, dsrRequest({ settings: goodSettings }))).status).toBe(429)
  })

  it('auth: 401 without the token, registration open without it', async () => {
    expect((await post(server, batch('ok'), {})).status).toBe(401)
    const registration = await post(server, registrationRequest(), {})
    expect(registration.status).toBe(200)
    expect(registration.json().type).toBe('module_registration_response')
  })

  it('undecodable → 400 with the paths; malformed JSON → 400 at the root', async () => {
    const answer = await post(server, { type: 'event_processing_request', id: 'x' })
    expect(answer.status).toBe(400)
    expect(answer.json()).toMatchObject({ error: 'decode', problems: expect.arrayContaining([expect.objectContaining({ path: '/timestamp_ms' })]) })
    const malformed = await send(server.url, { body: '{"type":', headers: token })
    expect([malformed.status, malformed.json().problems[0].path]).toEqual([400, ''])
  })
})

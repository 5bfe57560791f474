import { afterEach, describe, expect, it } from 'vitest'
import { setTimeout as delay } from 'node:timers/promises'
import { memoryLogger } from '../../src/logger.js'
import { serve, type FirehoseServer } from '../../src/transports/serve.js'
import { TOKEN, message, stubHandler } from '../transports/stub-handler.js'
import { send } from '../transports/http-client.js'

const servers: FirehoseServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
const headers = { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' }

describe('serve(): minor findings', () => {
  it('an oversized header is answered 431, not 400', async () => {
    const server = await serve(stubHandler(), { port: 0, shutdownOnSignals: false, logger: memoryLogger() })
    servers.push(server)
    const answer = await send(server.url, { body: JSON.stringify(message('big-header')), headers: { ...headers, 'x-big': 'x'.repeat(20_000) } })
    expect(answer.status).toBe(431)
    const small = await send(server.url, { body: JSON.stringify(message('fine')), headers })
    expect(small.status).toBe(200)
  })

  it('maxHeaderBytes sets the limit', async () => {
    const server = await serve(stubHandler(), { port: 0, shutdownOnSignals: false, logger: memoryLogger(), maxHeaderBytes: 2_000 })
    servers.push(server)
    expect((await send(server.url, { body: JSON.stringify(message('h')), headers: { ...headers, 'x-big': 'x'.repeat(3_000) } })).status).toBe(431)
  })

  it('during shutdown /health answers 503 and new messages are answered retryable, while the one in flight finishes', async () => {
    const server = await serve(stubHandler(), { port: 0, shutdownOnSignals: false, logger: memoryLogger() })
    const inFlight = send(server.url, { body: JSON.stringify(message('in-flight', 'slow', { delayMs: 400 })), headers })
    await delay(100)
    const closed = server.close()
    const health = await send(server.url, { method: 'GET', path: '/health' })
    expect(health.status).toBe(503)
    const late = await send(server.url, { body: JSON.stringify(message('late')), headers })
    expect(late.status).toBe(429)
    expect(late.headers['retry-after']).toBe('1')
    expect((await inFlight).status).toBe(200)
    await closed
    await expect(send(server.url, { method: 'GET', path: '/health' })).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

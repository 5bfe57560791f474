import { afterEach, describe, it, expect } from 'vitest'
import { Agent } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { memoryLogger } from '../../src/logger.js'
import { serve, type FirehoseServer, type ServeOptions } from '../../src/transports/serve.js'
import type { ServerEvent } from '../../src/core/server-event.js'
import { TOKEN, message, responseFor, stubHandler } from './stub-handler.js'
import { rawSocket, readUntilClosed, send } from './http-client.js'

const auth = { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' }
const servers: FirehoseServer[] = []

/** Resolves once `condition` holds, however long a busy machine takes to get there. */
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await delay(5)
}

const start = async (options: ServeOptions = {}, handler = stubHandler()) => {
  const logger = memoryLogger()
  const server = await serve(handler, { port: 0, shutdownOnSignals: false, logger, ...options })
  servers.push(server)
  return Object.assign(server, { handler, logger })
}

const post = (url: string, body: unknown, headers: Record<string, string> = auth) => send(url, { body: typeof body === 'string' ? body : JSON.stringify(body), headers })

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('serve(): answers', () => {
  it('resolves once listening on loopback, with its url and port', async () => {
    const server = await start()
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.server.listening).toBe(true)
    expect(server.logger.records()[0]).toMatchObject({ message: 'listening', url: server.url })
  })

  it.each([
    ['ok', 200],
    ['retryable', 429],
    ['permanent', 400],
    ['suspend', 400],
    ['decode', 400],
    ['bug', 429],
  ] as const)('%s → %i', async (outcome, status) => {
    const server = await start()
    const answer = await post(server.url, message('m-1', outcome))
    expect(answer.status).toBe(status)
    expect(answer.headers['content-type']).toBe('application/json')
    if (outcome === 'ok') expect(answer.json()).toEqual(responseFor({ id: 'm-1' }))
    if (status === 429) expect(answer.headers['retry-after']).toBe(outcome === 'bug' ? '1' : '3')
    if (outcome === 'bug') expect(answer.text).not.toContain('secret')
  })

  it('checks the token: 401 without it, 200 with it, on any path', async () => {
    const server = await start()
    expect((await post(server.url, message('a'), { 'content-type': 'application/json' })).status).toBe(401)
    expect((await post(server.url, message('a'), { authorization: 'Token wrong' })).status).toBe(401)
    const answer = await send(server.url, { path: '/events?x=1', body: JSON.stringify(message('a')), headers: { AUTHORIZATION: `Token ${TOKEN}` } })
    expect(answer.status).toBe(200)
  })

  it('hands the handler the server event: method, path, lower-cased headers, body text', async () => {
    const seen: ServerEvent[] = []
    const server = await start(
      {},
      Object.assign(async (event: ServerEvent) => {
        seen.push(event)
        return { statusCode: 202, headers: { 'x-seen': 'yes' }, body: 'accepted' }
      }),
    )
    const answer = await send(server.url, { path: '/audience?q=1', body: 'héllo', headers: { 'X-Custom': 'Value' } })
    expect(answer.status).toBe(202)
    expect(answer.headers['x-seen']).toBe('yes')
    expect(answer.text).toBe('accepted')
    expect(seen[0]).toMatchObject({ httpShape: 'server', method: 'POST', path: '/audience', body: 'héllo' })
    expect(seen[0]!.headers['x-custom']).toBe('Value')
  })

  it('answers malformed JSON 400 with the root path', async () => {
    const server = await start()
    const answer = await post(server.url, '{"type": "event_processing_request",')
    expect(answer.status).toBe(400)
    expect(answer.json()).toMatchObject({ error: 'decode', problems: [{ path: '', expected: 'a JSON document' }] })
    expect(server.handler.calls).toEqual([])
  })

  it('has a health route and answers 405 to anything but POST elsewhere', async () => {
    const server = await start()
    const health = await send(server.url, { method: 'GET', path: '/health' })
    expect(health.status).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })
    expect((await send(server.url, { method: 'HEAD', path: '/health' })).status).toBe(200)
    const postHealth = await send(server.url, { method: 'POST', path: '/health', body: '{}' })
    expect(postHealth.status).toBe(405)
    expect(postHealth.headers.allow).toBe('GET, HEAD')
    const get = await send(server.url, { method: 'GET', path: '/' })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    expect((await send(server.url, { method: 'DELETE', path: '/x' })).status).toBe(405)
  })

  it('answers retryable itself when the handler runs past its budget', async () => {
    const server = await start(
      { handlerTimeoutMs: 150 },
      Object.assign(() => new Promise(() => undefined)),
    )
    const started = Date.now()
    const answer = await post(server.url, message('x'))
    expect(answer.status).toBe(429)
    expect(answer.json()).toEqual({ error: 'retryable', reason: 'the handler did not answer in time' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('gives the handler a Lambda context whose budget counts down', async () => {
    let remaining = -1
    const server = await start(
      { handlerTimeoutMs: 5000 },
      Object.assign(async (_event: unknown, context: { getRemainingTimeInMillis(): number; awsRequestId: string }) => {
        remaining = context.getRemainingTimeInMillis()
        return { statusCode: 200, body: context.awsRequestId }
      }),
    )
    const answer = await post(server.url, '{}')
    expect(remaining).toBeGreaterThan(4000)
    expect(remaining).toBeLessThanOrEqual(5000)
    expect(answer.text).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers a handler that returns no HTTP result, or throws, as retryable', async () => {
    const plain = await start(
      {},
      Object.assign(async () => ({ type: 'event_processing_response' })),
    )
    expect((await post(plain.url, '{}')).status).toBe(429)
    const throwing = await start(
      {},
      Object.assign(async () => {
        throw new Error('boom: secret')
      }),
    )
    const answer = await post(throwing.url, '{}')
    expect(answer.status).toBe(429)
    expect(answer.text).not.toContain('secret')
  })
})

describe('serve(): body limit', () => {
  const limit = 64 * 1024
  const big = JSON.stringify(message('big', undefined, { events: ['x'.repeat(limit)] }))

  it('answers 413 to a declared oversized body and keeps serving', async () => {
    const server = await start({ maxBodyBytes: limit })
    const answer = await post(server.url, big)
    expect(answer.status).toBe(413)
    expect(answer.json()).toMatchObject({ error: 'too_large' })
    expect(answer.headers.connection).toBe('close')
    expect((await post(server.url, message('after'))).status).toBe(200)
    expect(server.handler.calls.map((m) => m.id)).toEqual(['after'])
  })

  it('answers 413 to a chunked body once it passes the limit, before it ends', async () => {
    const server = await start({ maxBodyBytes: limit })
    const socket = await rawSocket(server.url)
    const closed = readUntilClosed(socket)
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\nauthorization: Token ${TOKEN}\r\ntransfer-encoding: chunked\r\n\r\n`)
    const chunk = 'y'.repeat(16 * 1024)
    for (let i = 0; i < 6; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    // The body never ends: the server must answer anyway, and close.
    const text = await closed
    expect(text).toMatch(/^HTTP\/1\.1 413/)
    expect((await post(server.url, message('after'))).status).toBe(200)
  })

  it('refuses an oversized body before it is sent when the client expects 100-continue', async () => {
    const server = await start({ maxBodyBytes: limit })
    const socket = await rawSocket(server.url)
    const closed = readUntilClosed(socket)
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: ${limit * 10}\r\n\r\n`)
    const text = await closed
    expect(text).toMatch(/^HTTP\/1\.1 413/)
    expect(text).not.toContain('100 Continue')
  })

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify(message('exact'))
    const server = await start({ maxBodyBytes: Buffer.byteLength(body) })
    expect((await post(server.url, body)).status).toBe(200)
  })
})

describe('serve(): connections', () => {
  it('survives a client that disconnects mid-body, without calling the handler', async () => {
    const server = await start()
    const socket = await rawSocket(server.url)
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\nauthorization: Token ${TOKEN}\r\ncontent-length: 1000\r\n\r\n{"type":`)
    await delay(50)
    socket.destroy()
    await delay(50)
    expect((await post(server.url, message('after'))).status).toBe(200)
    expect(server.handler.calls.map((m) => m.id)).toEqual(['after'])
  })

  it('survives a client that disconnects while the handler runs', async () => {
    const server = await start()
    const socket = await rawSocket(server.url)
    const body = JSON.stringify(message('slow', 'slow', { delayMs: 150 }))
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\nauthorization: Token ${TOKEN}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    await until(() => server.handler.calls.length === 1)
    socket.destroy()
    await delay(250)
    expect(server.handler.calls.map((m) => m.id)).toEqual(['slow'])
    expect((await post(server.url, message('after'))).status).toBe(200)
  })

  it('answers a client too slow to send its headers 408 and closes', async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 })
    const socket = await rawSocket(server.url)
    const closed = readUntilClosed(socket)
    socket.write('POST / HTTP/1.1\r\nhost: x\r\n')
    const started = Date.now()
    const text = await closed
    expect(text).toMatch(/^HTTP\/1\.1 408/)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('closes a client too slow to send its body within the request timeout', async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 })
    const socket = await rawSocket(server.url)
    const closed = readUntilClosed(socket)
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{`)
    const started = Date.now()
    await closed
    expect(Date.now() - started).toBeLessThan(3000)
    expect(server.handler.calls).toEqual([])
  })

  it('keeps connections alive between requests', async () => {
    const server = await start()
    let connections = 0
    server.server.on('connection', () => connections++)
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await send(server.url, { body: JSON.stringify(message(`k${i}`)), headers: auth, agent }))
    agent.destroy()
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(answers.slice(1).every((a) => a.reusedSocket)).toBe(true)
    expect(answers[0]!.headers.connection).toBe('keep-alive')
    expect(connections).toBe(1)
  })

  it('answers 100 concurrent requests, each with its own outcome', async () => {
    const server = await start()
    const outcomes = ['ok', 'retryable', 'permanent', 'slow', 'decode'] as const
    const status = { ok: 200, retryable: 429, permanent: 400, slow: 200, decode: 400 }
    const agent = new Agent({ keepAlive: true, maxSockets: 100 })
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const outcome = outcomes[i % outcomes.length]!
        return send(server.url, { body: JSON.stringify(message(`c${i}`, outcome, { delayMs: 20 })), headers: auth, agent }).then((answer) => ({ i, outcome, answer }))
      }),
    )
    agent.destroy()
    for (const { i, outcome, answer } of answers) {
      expect(answer.status).toBe(status[outcome])
      if (answer.status === 200) expect(answer.json().id).toBe(`c${i}`)
    }
    expect(server.handler.calls).toHaveLength(100)
  })
})

describe('serve(): graceful shutdown', () => {
  it('finishes requests in flight, refuses new connections, then resolves', async () => {
    const server = await start()
    const inFlight = post(server.url, message('in-flight', 'slow', { delayMs: 300 }))
    await until(() => server.handler.calls.length === 1)
    const closing = server.close()
    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(answer.json().id).toBe('in-flight')
    expect(answer.headers.connection).toBe('close')
    await expect(post(server.url, message('late'))).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await closing
    expect(server.server.listening).toBe(false)
  })

  it('closes idle keep-alive connections at once instead of waiting for their timeout', async () => {
    const server = await start({ keepAliveTimeoutMs: 30_000 })
    const agent = new Agent({ keepAlive: true })
    expect((await send(server.url, { body: JSON.stringify(message('k')), headers: auth, agent })).status).toBe(200)
    const started = Date.now()
    await server.close()
    agent.destroy()
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('close() is idempotent', async () => {
    const server = await start()
    const inFlight = post(server.url, message('s', 'slow', { delayMs: 200 }))
    await until(() => server.handler.calls.length === 1)
    const first = server.close()
    expect(server.close()).toBe(first)
    expect((await inFlight).status).toBe(200)
    await first
  })

  it('cuts connections still busy after the shutdown timeout', async () => {
    let called = false
    const hang = () => ((called = true), new Promise(() => undefined))
    const server = await start({ shutdownTimeoutMs: 100, handlerTimeoutMs: 60_000 }, Object.assign(hang))
    const hanging = post(server.url, '{}').catch((error: NodeJS.ErrnoException) => error.code)
    await until(() => called)
    const started = Date.now()
    await server.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await hanging).toBe('ECONNRESET')
  })
})

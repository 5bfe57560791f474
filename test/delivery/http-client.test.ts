import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { callDetailsOf, createHttpClient, type PartnerAnswer } from '../../src/delivery/index.js'
import { fetchFailed, refusedPort, scriptedServer, type ScriptedServer } from './support/scripted-server.js'

let server: ScriptedServer
beforeAll(async () => {
  server = await scriptedServer()
})
afterAll(async () => {
  await server.close()
})
afterEach(() => {
  server.reset()
})

const failure = <L, A>(result: E.Either<L, A>): L => {
  if (E.isRight(result)) throw new Error('expected a failure')
  return result.left
}
const fast = { backoff: { baseMs: 1, maxMs: 5 } }

describe('createHttpClient: calls', () => {
  it('sends JSON with query and headers, and reads the JSON answer', async () => {
    server.script({ status: 201, headers: { 'content-type': 'application/json', 'x-id': '7' }, body: '{"code":"Success"}' })
    const client = createHttpClient({ baseUrl: `${server.url}/api/`, headers: { 'X-Default': 'd' } })
    const result = await client.send({ url: '/users/update', query: { a: 1, b: true, skip: undefined }, headers: { 'X-Call': 'c' }, json: { email: 'x@y.z' } })
    expect(result).toEqual(E.right({ status: 201, headers: expect.objectContaining({ 'x-id': '7' }), text: '{"code":"Success"}', json: { code: 'Success' } }))
    const [seen] = server.requests
    expect(seen).toMatchObject({ method: 'POST', url: '/api/users/update?a=1&b=true', body: '{"email":"x@y.z"}' })
    expect(seen!.headers).toMatchObject({ 'content-type': 'application/json', 'x-default': 'd', 'x-call': 'c' })
  })

  it('defaults to GET without a body, and gives json undefined for a non-JSON answer', async () => {
    server.script({ status: 200, body: '<html>' })
    const result = await createHttpClient().send({ url: `${server.url}/page` })
    expect(E.isRight(result) && result.right.json).toBeUndefined()
    expect(server.requests[0]!.method).toBe('GET')
  })

  it('is lazy: request() sends nothing until the task runs', async () => {
    const task = createHttpClient().request({ url: `${server.url}/lazy` })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.requests).toHaveLength(0)
    expect(E.isRight(await task())).toBe(true)
    expect(server.requests).toHaveLength(1)
  })

  it('reuses kept-alive connections: 20 calls over at most 2 connections, 1 when calls are spaced', async () => {
    const own = await scriptedServer()
    try {
      const client = createHttpClient()
      for (let i = 0; i < 20; i++) expect(E.isRight(await client.send({ url: `${own.url}/ka`, json: { i } }))).toBe(true)
      expect(own.requests).toHaveLength(20)
      // undici may open a second socket when the next call starts before the first socket is back in its pool.
      expect(new Set(own.requests.map((r) => r.socket)).size).toBeLessThanOrEqual(2)
      own.reset()
      await new Promise((resolve) => setTimeout(resolve, 20))
      for (let i = 0; i < 5; i++) {
        expect(E.isRight(await client.send({ url: `${own.url}/ka`, json: { i } }))).toBe(true)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      expect(new Set(own.requests.map((r) => r.socket)).size).toBe(1)
    } finally {
      await own.close()
    }
  })

  it('answers an unusable URL as permanent without calling', async () => {
    const error = failure(await createHttpClient().send({ url: 'ftp://example.com/x?key=secret1234' }))
    expect(error.kind).toBe('permanent')
    expect(error.reason).toBe('GET call not made: invalid URL')
  })

  it('does not follow redirects: a 3xx is permanent', async () => {
    server.script({ status: 302, headers: { location: `${server.url}/elsewhere` } })
    const error = failure(await createHttpClient().send({ url: `${server.url}/moved` }))
    expect(error.kind).toBe('permanent')
    expect(server.requests).toHaveLength(1)
  })
})

describe('createHttpClient: outcomes and retries', () => {
  it('retries retryable answers, then delivers', async () => {
    server.script({ status: 503 }, { status: 429 })
    const result = await createHttpClient(fast).send({ url: `${server.url}/r`, json: {} })
    expect(E.isRight(result)).toBe(true)
    expect(server.requests).toHaveLength(3)
  })

  it('gives up after `retries` retries with a reason naming method, host, path and status', async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 502 }, { status: 200 })
    const error = failure(await createHttpClient(fast).send({ url: `${server.url}/api/users/update`, json: {} }))
    expect(server.requests).toHaveLength(3)
    expect(error.kind).toBe('retryable')
    expect(error.reason).toBe(`POST 127.0.0.1:${server.port}/api/users/update answered 502 (attempt 3)`)
    expect(callDetailsOf(error)).toMatchObject({ method: 'POST', attempts: 3, response: { status: 502 } })
  })

  it('makes one attempt with retries: 0', async () => {
    server.script({ status: 503 })
    const error = failure(await createHttpClient({ retries: 0 }).send({ url: `${server.url}/api/users/update`, json: {} }))
    expect(error.reason).toBe(`POST 127.0.0.1:${server.port}/api/users/update answered 503`)
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    [400, 'permanent'],
    [404, 'permanent'],
    [401, 'suspend'],
    [403, 'suspend'],
  ] as const)('does not retry %i (%s), and keeps the parsed answer on the error', async (status, kind) => {
    server.script({ status, headers: { 'content-type': 'application/json' }, body: '{"msg":"nope"}' })
    const error = failure(await createHttpClient(fast).send({ url: `${server.url}/x` }))
    expect(error.kind).toBe(kind)
    expect(callDetailsOf(error)?.response).toEqual({ status, headers: expect.any(Object), json: { msg: 'nope' } })
    expect(server.requests).toHaveLength(1)
  })

  it('waits with exponential backoff and stops when the next wait would overrun the budget', async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 })
    const client = createHttpClient({ retries: 5, backoff: { baseMs: 100, maxMs: 1000 }, budgetMs: 600, random: () => 1 })
    const started = Date.now()
    const error = failure(await client.send({ url: `${server.url}/b` }))
    const elapsed = Date.now() - started
    // Attempts at ~0, ~100, ~300 ms; the next wait (400 ms) would end past the 600 ms budget.
    expect(server.requests).toHaveLength(3)
    const [first, second, third] = server.requests.map((r) => r.at)
    expect(second! - first!).toBeGreaterThanOrEqual(95)
    expect(third! - second!).toBeGreaterThanOrEqual(195)
    // No fourth wait (400 ms): had the client taken it, the call would have lasted at least 700 ms.
    // (An upper bound with room for a busy machine's round trips; the request count is the proof.)
    expect(elapsed).toBeLessThan(700 + 1_000)
    expect(error.kind).toBe('retryable')
  })

  it('honours Retry-After (seconds) as the wait before the retry', async () => {
    server.script({ status: 429, headers: { 'retry-after': '1' } })
    const result = await createHttpClient({ backoff: { baseMs: 1, maxMs: 1 } }).send({ url: `${server.url}/ra` })
    expect(E.isRight(result)).toBe(true)
    const [first, second] = server.requests.map((r) => r.at)
    expect(second! - first!).toBeGreaterThanOrEqual(950)
  })

  it('returns a Retry-After longer than the budget to the caller instead of waiting', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString()
    server.script({ status: 503, headers: { 'retry-after': at } })
    const started = Date.now()
    const error = failure(await createHttpClient(fast).send({ url: `${server.url}/ra-long` }))
    // Far below the two minutes it was asked to wait.
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error.kind).toBe('retryable')
    expect(error.retryAfterMs).toBeGreaterThan(110_000)
    expect(server.requests).toHaveLength(1)
  })
})

describe('createHttpClient: network errors, timeouts and deadlines', () => {
  it('treats a reset connection as retryable and retries it', async () => {
    server.script({ reset: true }, { reset: true }, { reset: true })
    const error = failure(await createHttpClient(fast).send({ url: `${server.url}/reset`, json: {} }))
    expect(error.kind).toBe('retryable')
    expect(error.reason).toBe(`POST 127.0.0.1:${server.port}/reset failed: connection reset (attempt 3)`)
    expect(callDetailsOf(error)?.network).toBe('reset')
  })

  it('treats a refused connection as retryable', async () => {
    const port = await refusedPort()
    const error = failure(await createHttpClient({ retries: 0 }).send({ url: `http://127.0.0.1:${port}/x` }))
    expect(error.kind).toBe('retryable')
    expect(error.reason).toBe(`GET 127.0.0.1:${port}/x failed: connection refused`)
  })

  it('treats a DNS failure as retryable', async () => {
    const fetch: typeof globalThis.fetch = async () => {
      throw fetchFailed('ENOTFOUND')
    }
    const error = failure(await createHttpClient({ fetch, retries: 0 }).send({ url: 'https://api.example.invalid/x' }))
    expect(error.reason).toBe('GET api.example.invalid/x failed: host name not resolved')
  })

  it('times out an attempt after timeoutMs, and retries', async () => {
    server.script({ hang: true }, { status: 200, delayMs: 0 })
    const result = await createHttpClient({ ...fast, timeoutMs: 150 }).send({ url: `${server.url}/slow` })
    expect(E.isRight(result)).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('bounds a call by the time left before the deadline minus the margin', async () => {
    server.script({ hang: true })
    const client = createHttpClient({ retries: 3, deadlineMarginMs: 250, budgetMs: 10_000 }).withContext({ remainingMs: () => 600 })
    const started = Date.now()
    const error = failure(await client.send({ url: `${server.url}/deadline` }))
    const elapsed = Date.now() - started
    // The reason names the bound the client computed (600 - 250 ms); the clock only shows it was kept.
    expect(elapsed).toBeGreaterThanOrEqual(330)
    expect(error.kind).toBe('retryable')
    expect(error.reason).toMatch(/failed: no answer within 3\d\d ms$/)
    await server.requests[0]!.abandoned
  })

  it('bounds a call by the budget when the deadline is further', async () => {
    server.script({ hang: true })
    const client = createHttpClient({ retries: 0, budgetMs: 200 }).withContext({ remainingMs: () => 60_000 })
    const started = Date.now()
    failure(await client.send({ url: `${server.url}/budget` }))
    // Bounded by the 200 ms budget, not the minute before the deadline.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('does not call at all when no time is left', async () => {
    const client = createHttpClient().withContext({ remainingMs: () => 200 })
    const error = failure(await client.send({ url: `${server.url}/late` }))
    expect(error.kind).toBe('retryable')
    expect(error.reason).toBe(`GET 127.0.0.1:${server.port}/late not attempted: no time left before the deadline`)
    expect(server.requests).toHaveLength(0)
  })

  it('bounds the time even for an injected fetch that ignores its signal', async () => {
    const fetch: typeof globalThis.fetch = () => new Promise(() => {})
    const started = Date.now()
    const error = failure(await createHttpClient({ fetch, retries: 0, budgetMs: 100 }).send({ url: 'https://api.example.com/x' }))
    // The fetch never settles: only the budget ends the call.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    expect(callDetailsOf(error)?.network).toBe('timeout')
  })

  it('aborts a call in flight when the signal aborts: retryable, connection closed', async () => {
    server.script({ hang: true })
    const controller = new AbortController()
    const client = createHttpClient().withContext({ signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const started = Date.now()
    const error = failure(await client.send({ url: `${server.url}/abort`, json: {} }))
    // The partner never answers: only the abort ends the call.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    expect(error.kind).toBe('retryable')
    expect(error.reason).toBe(`POST 127.0.0.1:${server.port}/abort failed: aborted: out of time`)
    await server.requests[0]!.abandoned
  })

  it('aborts a wait between retries', async () => {
    server.script({ status: 503, headers: { 'retry-after': '5' } })
    const controller = new AbortController()
    const client = createHttpClient().withContext({ signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const started = Date.now()
    const error = failure(await client.send({ url: `${server.url}/abort-wait` }))
    // Well before the 5 s the partner asked to wait.
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(error.kind).toBe('retryable')
    expect(server.requests).toHaveLength(1)
  })

  it('aborted stays retryable even with a classifier that says otherwise', async () => {
    server.script({ hang: true })
    const client = createHttpClient({ classify: () => 'permanent' }).withContext({ signal: AbortSignal.timeout(50) })
    expect(failure(await client.send({ url: `${server.url}/abort-custom` })).kind).toBe('retryable')
  })
})

describe('createHttpClient: a custom classifier (Iterable’s rules)', () => {
  const iterable = (result: PartnerAnswer) => {
    if ('error' in result) return result.error.kind === 'timeout' ? 'retryable' : 'permanent'
    if ([429, 502, 504].includes(result.status)) return 'retryable'
    if (result.status < 200 || result.status > 299) return 'permanent'
    const code = (result.json as { code?: unknown } | undefined)?.code
    return code === 'Success' ? 'delivered' : { outcome: 'permanent' as const, detail: `code ${String(code)}` }
  }
  const client = createHttpClient({ ...fast, classify: iterable })
  const json = { 'content-type': 'application/json' }

  it.each([500, 503, 400, 401])('%i is permanent, not retried', async (status) => {
    server.script({ status })
    expect(failure(await client.send({ url: `${server.url}/api/users/update`, json: {} })).kind).toBe('permanent')
    expect(server.requests).toHaveLength(1)
  })

  it('retries 502 then delivers on {code: Success}', async () => {
    server.script({ status: 502 }, { status: 200, headers: json, body: '{"code":"Success"}' })
    expect(E.isRight(await client.send({ url: `${server.url}/api/users/update`, json: {} }))).toBe(true)
    expect(server.requests).toHaveLength(2)
  })

  it('counts a 200 with {code: BadParams} as permanent, with the code in the reason', async () => {
    server.script({ status: 200, headers: json, body: '{"code":"BadParams","msg":"no email"}' })
    const error = failure(await client.send({ url: `${server.url}/api/users/update`, json: {} }))
    expect(error.kind).toBe('permanent')
    expect(error.reason).toBe(`POST 127.0.0.1:${server.port}/api/users/update answered 200 (code BadParams)`)
    expect(callDetailsOf(error)?.response?.json).toEqual({ code: 'BadParams', msg: 'no email' })
  })

  it('counts a reset as permanent, as Iterable’s Java code does', async () => {
    server.script({ reset: true })
    expect(failure(await client.send({ url: `${server.url}/api/users/update`, json: {} })).kind).toBe('permanent')
  })
})

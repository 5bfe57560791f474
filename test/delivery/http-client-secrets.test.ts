import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { memoryLogger } from '../../src/logger.js'
import { callDetailsOf, createHttpClient, type HttpRequest, type PartnerAnswer } from '../../src/delivery/index.js'
import { fetchFailed, refusedPort, scriptedServer, type ScriptedServer, type Step } from './support/scripted-server.js'

const API_KEY = 'ak_live_9f8e7d6c5b4a'
const TOKEN = 'tok-Zq81-secret-Token'
const CONFIGURED = 'conf/idential value'
const PER_CALL = 'percall-9988776655'
const PATH_SECRET = 'hook-5d41402abc4b2a76'
const ALL = [API_KEY, TOKEN, CONFIGURED, encodeURIComponent(CONFIGURED), PER_CALL, PATH_SECRET]

let server: ScriptedServer
let refused: number
beforeAll(async () => {
  server = await scriptedServer()
  refused = await refusedPort()
})
afterAll(async () => {
  await server.close()
})

/** A classifier that tries to leak: its detail quotes the whole body. */
const leaky = (result: PartnerAnswer) =>
  'error' in result ? ('retryable' as const) : result.status === 200 ? { outcome: 'permanent' as const, detail: result.body ?? '' } : ('retryable' as const)

describe('secrets never appear in reasons or log lines', () => {
  const paths: Array<{ name: string; steps?: Step[]; url?: () => string; fetch?: typeof globalThis.fetch; abortAfterMs?: number; classify?: typeof leaky; remainingMs?: number }> =
    [
      { name: '503 retried then given up', steps: [{ status: 503, body: API_KEY }, { status: 503 }, { status: 503 }] },
      { name: '429 with Retry-After', steps: [{ status: 429, headers: { 'retry-after': '600' }, body: TOKEN }] },
      { name: '401 suspend', steps: [{ status: 401, body: `bad key ${API_KEY}` }] },
      { name: '400 permanent', steps: [{ status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: `bad ${PER_CALL}` }) }] },
      { name: '302 not followed', steps: [{ status: 302, headers: { location: `https://elsewhere.example/?key=${API_KEY}` } }] },
      { name: 'connection reset', steps: [{ reset: true }, { reset: true }, { reset: true }] },
      { name: 'timeout', steps: [{ hang: true }, { hang: true }, { hang: true }] },
      { name: 'abort in flight', steps: [{ hang: true }], abortAfterMs: 50 },
      { name: 'no time left', remainingMs: 100 },
      { name: 'refused', url: () => `http://127.0.0.1:${refused}` },
      {
        name: 'dns failure whose message quotes the URL',
        fetch: async (input) => {
          // The URL itself, whatever form the client calls fetch with (String(request) would quote no URL at all).
          const url = input instanceof Request ? input.url : input.toString()
          throw new TypeError(`fetch failed for ${url}`, { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${url}`), { code: 'ENOTFOUND' }) })
        },
      },
      { name: 'TLS-like failure with an odd code', fetch: async () => Promise.reject(fetchFailed('ERR_TLS_CERT_ALTNAME_INVALID')) },
      { name: 'a classifier detail quoting the body', steps: [{ status: 200, body: `{"echo":"${API_KEY} ${TOKEN} ${PER_CALL}"}` }], classify: leaky },
    ]

  it.each(paths)('$name', async (path) => {
    server.reset()
    server.script(...(path.steps ?? []))
    const logger = memoryLogger({ level: 'debug' })
    const controller = new AbortController()
    if (path.abortAfterMs !== undefined) setTimeout(() => controller.abort(), path.abortAfterMs)
    const client = createHttpClient({
      baseUrl: path.url?.() ?? server.url,
      headers: { Authorization: `Bearer ${TOKEN}` },
      secrets: [CONFIGURED],
      logger,
      retries: 2,
      backoff: { baseMs: 1, maxMs: 2 },
      timeoutMs: 100,
      budgetMs: 1_000,
      ...(path.fetch ? { fetch: path.fetch } : {}),
      ...(path.classify ? { classify: path.classify } : {}),
    }).withContext({ signal: controller.signal, secrets: [PATH_SECRET], ...(path.remainingMs ? { remainingMs: () => path.remainingMs! } : {}) })
    const request: HttpRequest = {
      url: `/hooks/${PATH_SECRET}/users/update?api_key=${API_KEY}`,
      query: { key: API_KEY, c: CONFIGURED },
      headers: { 'X-Per-Call': PER_CALL },
      json: { email: 'someone@example.com', apiKey: API_KEY },
    }
    const result = await client.send(request)
    expect(E.isLeft(result)).toBe(true)
    const error = E.isLeft(result) ? result.left : undefined
    const said = [error!.reason, error!.message, JSON.stringify(callDetailsOf(error)?.target), String(error), ...logger.lines].join('\n')
    for (const secret of ALL) expect(said).not.toContain(secret)
    expect(said).not.toContain('api_key=')
    expect(said).not.toContain('someone@example.com')
    expect(error!.reason).toMatch(/^POST 127\.0\.0\.1:\d+\/hooks\/\[redacted\]\/users\/update /)
    if (path.remainingMs === undefined) expect(logger.lines.length).toBeGreaterThan(0)
  })

  it('logs one JSON line per failed attempt, with method, target, attempt and outcome only', async () => {
    server.reset()
    server.script({ status: 503 }, { status: 200 })
    const logger = memoryLogger()
    const client = createHttpClient({ logger, backoff: { baseMs: 1, maxMs: 1 }, random: () => 0 })
    await client.send({ url: `${server.url}/x?key=${API_KEY}` })
    expect(logger.records()).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'partner call failed',
        method: 'GET',
        target: `127.0.0.1:${server.port}/x`,
        attempt: 1,
        outcome: 'retryable',
        status: 503,
        retryInMs: 0,
      }),
    ])
  })
})

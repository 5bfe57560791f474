import { describe, expect, it, vi } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'

// Records every secret expanded into its encoded forms (URL-encoded, base64, ...) by `secretList`,
// which the client imports from the logger (one expansion for log lines and reasons).
const expanded: string[] = []
vi.mock('../../src/logger.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/logger.js')>()
  return {
    ...original,
    secretList: (...sources: Array<Iterable<string> | undefined>) => {
      for (const source of sources) expanded.push(...(source ?? []))
      return original.secretList(...sources)
    },
  }
})

const { createHttpClient } = await import('../../src/delivery/index.js')

const API_KEY = 'ak_live_9f8e7d6c5b4a'
const TOKEN = 'tok-Zq81-secret-Token'

const answering =
  (status: number, body = '{}'): typeof globalThis.fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } })

const bound = (fetch: typeof globalThis.fetch) => createHttpClient({ baseUrl: 'https://api.example', fetch, retries: 0 }).withContext({ secrets: [TOKEN], budgetMs: 1_000 })

describe('secrets are expanded only when a failure needs them', () => {
  it('a delivered call expands none (neither the bound secrets nor its own header values)', async () => {
    expanded.length = 0
    const client = bound(answering(200))
    const result = await client.send({ url: '/v1/track', headers: { authorization: `Bearer ${API_KEY}` }, json: { a: 1 } })
    expect(E.isRight(result)).toBe(true)
    expect(expanded).toEqual([])
  })

  it('a failed call expands them, and masks them in its reason', async () => {
    expanded.length = 0
    const client = bound(answering(400, JSON.stringify({ echo: `${API_KEY} ${TOKEN}` })))
    const result = await client.send({ url: `/v1/track/${TOKEN}`, headers: { authorization: `Bearer ${API_KEY}` } })
    expect(E.isLeft(result)).toBe(true)
    expect(expanded).toEqual(expect.arrayContaining([API_KEY, TOKEN]))
    const reason = E.isLeft(result) ? result.left.reason : ''
    expect(reason).toBe('GET api.example/v1/track/[redacted] answered 400')
  })

  it("a call's own query and header values are masked as they were at the call, though read only on failure", async () => {
    const query: Record<string, string> = { key: API_KEY }
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }
    const fetch: typeof globalThis.fetch = async () => {
      // The caller changes its own objects while the call is in flight: the values sent are still masked.
      query.key = 'changed'
      headers.authorization = 'changed'
      return new Response(JSON.stringify({ echo: `${API_KEY} ${TOKEN}` }), { status: 400 })
    }
    const client = createHttpClient({ baseUrl: 'https://api.example', fetch, retries: 0 }).withContext({ budgetMs: 1_000 })
    const result = await client.send({ url: `/v1/${API_KEY}/${TOKEN}`, query, headers })
    expect(E.isLeft(result) ? result.left.reason : '').toBe('GET api.example/v1/[redacted]/[redacted] answered 400')
  })

  it('values given to withContext are read when it is called, as before', async () => {
    const secrets = [TOKEN]
    const client = createHttpClient({ baseUrl: 'https://api.example', fetch: answering(400), retries: 0 }).withContext({ secrets, budgetMs: 1_000 })
    secrets.length = 0
    const result = await client.send({ url: `/v1/${TOKEN}` })
    expect(E.isLeft(result) ? result.left.reason : '').toBe('GET api.example/v1/[redacted] answered 400')
  })
})

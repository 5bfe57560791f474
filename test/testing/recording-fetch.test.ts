import { describe, expect, it } from 'vitest'
import { recordingFetch } from '../../src/testing/index.js'

describe('recordingFetch', () => {
  it('records method, URL, query, lower-cased headers and the JSON body; answers 200 {} after the script', async () => {
    const partner = recordingFetch([{ status: 201, json: { id: 1 }, headers: { 'x-rate': '5' } }])
    const first = await partner.fetch('https://api.example.test/v1/track?key=abc', { method: 'post', headers: { 'X-Api-Key': 'k' }, body: JSON.stringify({ a: 1 }) })
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ id: 1 })
    expect(first.headers.get('x-rate')).toBe('5')
    const second = await partner.fetch(new URL('https://api.example.test/ping'))
    expect(second.status).toBe(200)
    expect(await second.json()).toEqual({})
    expect(partner.requests[0]).toMatchObject({ method: 'POST', host: 'api.example.test', path: '/v1/track', query: { key: 'abc' }, headers: { 'x-api-key': 'k' }, body: { a: 1 } })
    expect(partner.calls()).toEqual([
      { method: 'POST', path: '/v1/track', body: { a: 1 } },
      { method: 'GET', path: '/ping', body: undefined },
    ])
    partner.reset()
    expect(partner.requests).toEqual([])
  })

  it('keeps a text body as text, and answers from a function script', async () => {
    const partner = recordingFetch((request, index) => ({ status: request.path === '/bad' ? 400 : 200, body: `call ${index}` }))
    const answer = await partner.fetch('https://x.test/bad', { method: 'PUT', body: 'plain text' })
    expect(answer.status).toBe(400)
    expect(await answer.text()).toBe('call 0')
    expect(partner.requests[0].body).toBe('plain text')
  })

  it('delays an answer by delayMs', async () => {
    const partner = recordingFetch([{ status: 200, delayMs: 120 }])
    const started = Date.now()
    await partner.fetch('https://x.test/')
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
  })

  it.each([
    ['reset', 'ECONNRESET'],
    ['refused', 'ECONNREFUSED'],
    ['dns', 'ENOTFOUND'],
    ['timeout', 'UND_ERR_CONNECT_TIMEOUT'],
  ] as const)('a %s network error rejects as undici does (TypeError with a coded cause)', async (kind, code) => {
    const partner = recordingFetch([{ networkError: kind }])
    const error = await partner.fetch('https://x.test/').catch((e: unknown) => e as TypeError)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe(code)
  })

  it('a hanging answer ends only when the caller aborts, with the abort reason', async () => {
    const partner = recordingFetch([{ hang: true }])
    const controller = new AbortController()
    const pending = partner.fetch('https://x.test/', { signal: controller.signal })
    let settled = false
    void pending.catch(() => undefined).finally(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(settled).toBe(false)
    controller.abort(new Error('deadline'))
    await expect(pending).rejects.toThrow('deadline')
  })

  it('an abort during a delay rejects at once', async () => {
    const partner = recordingFetch([{ status: 200, delayMs: 5000 }])
    const started = Date.now()
    await expect(partner.fetch('https://x.test/', { signal: AbortSignal.timeout(50) })).rejects.toBeDefined()
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

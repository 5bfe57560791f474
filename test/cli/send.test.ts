import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { eventBatch, customEvent, screenView } from '../../src/testing/builders.js'
import { serve, type FirehoseServer } from '../../src/transports/serve.js'
import { memoryLogger } from '../../src/logger.js'
import { SAMPLE_NAMES } from '../../src/cli/samples.js'
import { fixture, integration, runCli, tempProject, writeJson } from './support.js'

let dir: string
let server: FirehoseServer
let partner: Server
let partnerUrl: string
const partnerCalls: string[] = []

beforeAll(async () => {
  dir = await tempProject()
  // The fixture's auth comes from FIREHOSE_TOKENS when it is created.
  process.env.FIREHOSE_TOKENS = 'url-token'
  const { handler } = await import('./fixtures/integration.js')
  delete process.env.FIREHOSE_TOKENS
  server = await serve(handler as never, { port: 0, logger: memoryLogger(), shutdownOnSignals: false })
  partner = createServer((req, res) => {
    partnerCalls.push(`${req.method} ${req.url}`)
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve))
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`
  await writeJson(join(dir, 'retryable.json'), eventBatch({ settings: { apiKey: 'k-123' }, events: [customEvent({ attributes: { outcome: 'retryable' } })] }))
  await writeJson(join(dir, 'screen.json'), eventBatch({ settings: { apiKey: 'k-123', endpoint: partnerUrl }, events: [screenView({ screen_name: 'Cart' })] }))
})

afterAll(async () => {
  await server?.close()
  await new Promise((resolve) => partner?.close(resolve))
})

describe.concurrent('firehose send to a module', () => {
  it.each(SAMPLE_NAMES)('delivers the %s sample, with settings the module declares', async (name) => {
    const result = await runCli(['send', name, '--to', integration, '--json'])
    expect(result.code).toBe(0)
    const answer = JSON.parse(result.stdout)
    expect(answer).toMatchObject({ kind: 'delivered', via: 'module', budgetMs: 200, calls: [] })
    expect(answer.response.type).toMatch(/_response$/)
    expect(answer.latencyMs).toBeGreaterThan(0)
  })

  it('prints the outcome, latency and response of a file, exit 1 when not delivered', async () => {
    const result = await runCli(['send', join(dir, 'retryable.json'), '--to', integration])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^event_processing_request [\w-]+ → /)
    expect(result.stdout).toMatch(/retryable · [\d.]+ ms \(budget 200 ms\)/)
    expect(result.stdout).toContain('reason: partner answered 503')
  })

  it('lists the partner calls the handler made (host and path only)', async () => {
    const result = await runCli(['send', join(dir, 'screen.json'), '--to', integration])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`partner calls:\\n  POST ${partnerUrl.replace('http://', '')}/track → 200 \\(\\d+ ms\\)`))
    expect(partnerCalls).toContain('POST /track')
  })

  it('refuses a --setting the module does not declare (exit 2), naming the ones it does', async () => {
    const refused = await runCli(['send', 'events', '--to', integration, '--setting', 'nope=1'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--setting "nope": not a setting of this integration; its settings: apiKey, endpoint')
    const accepted = await runCli(['send', 'events', '--to', integration, '--setting', 'apiKey=k-9', '--json'])
    expect(accepted.code).toBe(0)
  })

  it('--mock-partner answers partner calls itself, without sending them', async () => {
    const file = join(dir, 'nowhere.json')
    await writeJson(file, eventBatch({ settings: { apiKey: 'k-123', endpoint: 'http://partner.invalid' }, events: [screenView()] }))
    const result = await runCli(['send', file, '--to', integration, '--mock-partner'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('POST partner.invalid/track → 200 (mocked)')
    const url = await runCli(['send', 'events', '--to', 'http://127.0.0.1:8080', '--mock-partner'])
    expect(url.code).toBe(2)
  })

  it('keeps stdout to its own output: the handler logs go to stderr', async () => {
    const result = await runCli(['send', join(dir, 'retryable.json'), '--to', integration, '--json'])
    expect(() => JSON.parse(result.stdout)).not.toThrow()
    expect(result.stderr).toContain('"level"')
    const quiet = await runCli(['send', join(dir, 'retryable.json'), '--to', integration, '--quiet'])
    expect(quiet.stderr).not.toContain('"level"')
  })

  it('exits 1 for a missing file or module, or a module without a handler', async () => {
    const missing = await runCli(['send', join(dir, 'nope.json'), '--to', integration])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('file not found')
    expect(missing.stderr).toContain('nor is it a sample: events, registration, audience, subscription, dsr')
    const noModule = await runCli(['send', 'events', '--to', join(dir, 'nope.ts')])
    expect(noModule.code).toBe(1)
    expect(noModule.stderr).toContain('module not found')
    const noHandler = await runCli(['send', 'events', '--to', fixture('no-handler.ts')])
    expect(noHandler.code).toBe(1)
    expect(noHandler.stderr).toContain('exports no handler')
  })
})

describe.concurrent('firehose send to a URL', () => {
  it('POSTs with Authorization: Token and prints the HTTP answer', async () => {
    const result = await runCli(['send', 'events', '--to', server.url, '--token', 'url-token', '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'delivered', status: 200, via: 'http', budgetMs: 100, response: { type: 'event_processing_response' } })
  })

  it('takes the token from FIREHOSE_TOKENS when --token is absent', async () => {
    const result = await runCli(['send', 'events', '--to', server.url], { env: { FIREHOSE_TOKENS: 'url-token,other' } })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/delivered · HTTP 200 · [\d.]+ ms/)
  })

  it('reports a refused token as unauthorized (exit 1)', async () => {
    const result = await runCli(['send', 'events', '--to', server.url, '--token', 'wrong'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('unauthorized · HTTP 401')
  })

  it('reports an unreachable URL (exit 1)', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const result = await runCli(['send', 'registration', '--to', `http://127.0.0.1:${port}`])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('unreachable')
    expect(result.stdout).toContain('ECONNREFUSED')
  })
})

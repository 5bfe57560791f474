import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { readdirSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { customEvent, eventBatch, registrationRequest } from '../../src/testing/builders.js'
import { serve, type FirehoseServer } from '../../src/transports/serve.js'
import { memoryLogger } from '../../src/logger.js'
import { buildReport } from '../../src/cli/commands/replay.js'
import { integration, runCli, tempProject, writeJson } from './support.js'

let dir: string
let server: FirehoseServer
const batch = (outcome?: string) => eventBatch({ settings: { apiKey: 'k-123' }, events: [customEvent({ attributes: outcome ? { outcome } : {} })] })

beforeAll(async () => {
  dir = await tempProject()
  await mkdir(join(dir, 'messages'))
  const outcomes = ['ok', 'ok', 'ok', 'retryable', 'permanent', 'suspend', 'ok', 'ok']
  for (const [i, outcome] of outcomes.entries()) await writeJson(join(dir, 'messages', `m${i}.json`), batch(outcome))
  await writeJson(join(dir, 'messages', 'undecodable.json'), { type: 'event_processing_request', id: 'x' })
  await writeFile(join(dir, 'messages', 'notes.txt'), 'not a message')
  await writeFile(join(dir, 'good.ndjson'), `${Array.from({ length: 20 }, () => JSON.stringify(batch())).join('\n')}\n${JSON.stringify(registrationRequest())}\n`)
  await writeFile(join(dir, 'mixed.ndjson'), `${JSON.stringify(batch())}\n{ not json\n\n${JSON.stringify(batch())}\n`)
  await mkdir(join(dir, 'empty'))
  process.env.FIREHOSE_TOKENS = 'replay-token'
  const { handler } = await import('./fixtures/integration.js')
  delete process.env.FIREHOSE_TOKENS
  server = await serve(handler as never, { port: 0, logger: memoryLogger(), shutdownOnSignals: false })
})

afterAll(() => server?.close())

const report = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8'))

describe.concurrent('firehose replay', () => {
  it('replays a directory to a module and writes the summary as JSON (exit 1: not all delivered)', async () => {
    const result = await runCli(['replay', join(dir, 'messages'), '--to', integration, '--out', join(dir, 'dir-report.json'), '--concurrency', '3'])
    expect(result.code).toBe(1)
    const summary = await report('dir-report.json')
    expect(summary).toMatchObject({
      via: 'module',
      messages: 9,
      concurrency: 3,
      budgetMs: 200,
      outcomes: { delivered: 6, retryable: 1, permanent: 0, suspend: 1, decode: 1, unauthorized: 0, too_large: 0, unreachable: 0 },
    })
    // A permanent event failure is logged and acknowledged: the message counts as delivered.
    expect(summary.outcomes.delivered + summary.outcomes.retryable + summary.outcomes.suspend + summary.outcomes.decode).toBe(9)
    expect(summary.failures.map((f: { source: string; kind: string }) => `${f.source}:${f.kind}`).sort()).toEqual([
      'm3.json:retryable',
      'm5.json:suspend',
      'undecodable.json:decode',
    ])
    for (const key of ['p50', 'p95', 'p99', 'max', 'mean']) expect(summary.latencyMs[key]).toBeGreaterThanOrEqual(0)
    expect(summary.latencyMs.p50).toBeLessThanOrEqual(summary.latencyMs.p95)
    expect(summary.latencyMs.p95).toBeLessThanOrEqual(summary.latencyMs.p99)
    expect(summary.withinBudget).toBe(summary.latencyMs.p99 <= 200)

    expect(result.stdout).toContain('9 messages →')
    expect(result.stdout).toMatch(/latency: p50 [\d.]+ ms · p95 [\d.]+ ms · p99 [\d.]+ ms/)
    expect(result.stdout).toMatch(/budget 200 ms on Lambda: p99 (within|OVER) budget/)
    // Not a terminal: one plain progress line per message.
    expect(result.stderr.match(/^\[\d+\/9\] \S+ \w+ [\d.]+ ms$/gm)).toHaveLength(9)
  })

  it('replays NDJSON to a URL against the 100 ms HTTP budget (exit 0: all delivered)', async () => {
    const result = await runCli(['replay', join(dir, 'good.ndjson'), '--to', server.url, '--token', 'replay-token', '--concurrency', '8', '--out', join(dir, 'url-report.json')])
    expect(result.code).toBe(0)
    const summary = await report('url-report.json')
    expect(summary).toMatchObject({ via: 'http', to: server.url, messages: 21, budgetMs: 100, failures: [] })
    expect(summary.outcomes.delivered).toBe(21)
    expect(result.stdout).toContain('budget 100 ms over HTTP')
  })

  it('counts an unparseable NDJSON line as undecodable and skips blank lines', async () => {
    const result = await runCli(['replay', join(dir, 'mixed.ndjson'), '--to', integration, '--out', join(dir, 'mixed-report.json')])
    expect(result.code).toBe(1)
    const summary = await report('mixed-report.json')
    expect(summary.messages).toBe(3)
    expect(summary.outcomes).toMatchObject({ delivered: 2, decode: 1 })
    expect(summary.failures).toEqual([{ source: 'mixed.ndjson:2', kind: 'decode', reason: expect.stringContaining('not JSON') }])
  })

  it('leaves a message it could not send out of the percentiles (not a 0 ms answer)', () => {
    const target = { label: 'module', via: 'module', budgetMs: 200 } as unknown as Parameters<typeof buildReport>[0]
    const messages = [1, 2, 3].map((n) => ({ source: `m${n}`, text: '{}' }))
    const deliveries = [
      { kind: 'delivered', latencyMs: 40 },
      { kind: 'delivered', latencyMs: 60 },
      { kind: 'decode', latencyMs: 0, unsent: true, reason: 'not JSON' },
    ] as const
    const report = buildReport(target, messages, deliveries, 1, 100)
    expect(report.latencyMs.p50).toBeGreaterThanOrEqual(40)
    expect(report.outcomes.decode).toBe(1)
  })

  it('--quiet prints no progress, and without --out writes no report file', async () => {
    const cwd = await tempProject()
    const result = await runCli(['replay', join(dir, 'good.ndjson'), '--to', server.url, '--token', 'replay-token', '--quiet'], { cwd })
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(/\[\d+\/\d+\]/)
    expect(result.stdout).toContain('outcomes:')
    expect(readdirSync(cwd).filter((f) => f !== 'package.json')).toEqual([])
  })

  it('counts refused tokens as unauthorized', async () => {
    const result = await runCli(['replay', join(dir, 'good.ndjson'), '--to', server.url, '--token', 'wrong', '--out', join(dir, 'unauth-report.json')])
    expect(result.code).toBe(1)
    const summary = await report('unauth-report.json')
    // Registration requests need no token.
    expect(summary.outcomes).toMatchObject({ unauthorized: 20, delivered: 1 })
  })

  it('exits 1 for a missing input or a directory without messages', async () => {
    const missing = await runCli(['replay', join(dir, 'nope'), '--to', integration])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('not found')
    const empty = await runCli(['replay', join(dir, 'empty'), '--to', integration])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toContain('no *.json files')
  })
})

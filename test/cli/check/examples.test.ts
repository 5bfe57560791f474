import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { serve, type FirehoseServer } from '../../../src/index.js'
import { memoryLogger } from '../../../src/testing/index.js'
import { recordingFetch } from '../../../src/testing/index.js'
import { createHandler as createQuickstart } from '../../../examples/quickstart/src/handler.js'
import { createHandler as createSlack } from '../../../examples/slack/src/handler.js'
import { createIterableHandler } from '../../../examples/iterable/src/handler.js'
import { root } from '../support.js'
import { runCheck, steppingClock, tableRows } from './support.js'

/**
 * `firehose check` passes (exit 0) against each example, served over HTTP with `serve()` and as a
 * module invoked directly. Their partner APIs are stand-ins (recordingFetch over HTTP; the CLI's
 * 200 {} stand-in for modules). Latency is measured with a stepping clock: these tests are about
 * the protocol, and a busy machine must not fail them (one test below uses the real clock with a
 * budget no machine misses, to cover the measurement itself).
 */
const TOKEN = 'check-token'
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXX'
const servers: FirehoseServer[] = []
let quickstart: string
let slack: string
let iterable: string

const start = async (handler: unknown): Promise<string> => {
  const server = await serve(handler as never, { port: 0, logger: memoryLogger(), shutdownOnSignals: false })
  servers.push(server)
  return server.url
}

beforeAll(async () => {
  // Acme answers a new list with its id; everything else 200 {}.
  const acme = recordingFetch((request) => (request.method === 'POST' && request.path === '/v1/lists' ? { status: 200, json: { id: 77 } } : { status: 200, json: {} }))
  quickstart = await start(createQuickstart({ fetch: acme.fetch, auth: { tokens: [TOKEN] }, logger: memoryLogger() }))
  slack = await start(createSlack({ fetch: recordingFetch(() => ({ status: 200, body: 'ok' })).fetch, auth: { tokens: [TOKEN] }, logger: memoryLogger() }))
  // The Iterable port reads its tokens from FIREHOSE_TOKENS, as deployed.
  const saved = process.env.FIREHOSE_TOKENS
  process.env.FIREHOSE_TOKENS = TOKEN
  try {
    iterable = await start(createIterableHandler({ fetch: recordingFetch(() => ({ status: 200, json: { msg: '', code: 'Success', params: {} } })).fetch, logger: memoryLogger() }))
  } finally {
    if (saved === undefined) delete process.env.FIREHOSE_TOKENS
    else process.env.FIREHOSE_TOKENS = saved
  }
})

afterAll(async () => {
  for (const server of servers) await server.close()
})

const idsWith = (run: { report?: { checks: ReadonlyArray<{ id: string; status: string }> } }, status: string): string[] =>
  run.report!.checks.filter((check) => check.status === status).map((check) => check.id)

describe('firehose check on the examples, served over HTTP', { timeout: 60_000 }, () => {
  it('quickstart (Acme): every check passes, audiences and DSR included', async () => {
    const run = await runCheck([quickstart, '--token', TOKEN, '--requests', '20', '--json'], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(0)
    expect(idsWith(run, 'pass')).toEqual([
      'registration',
      'responses',
      'verification',
      'auth',
      'forward-compatibility',
      'bad-input',
      'latency',
      'large-batch',
      'redelivery',
      'audiences',
      'dsr',
    ])
    expect(run.report).toMatchObject({
      via: 'http',
      budgetMs: 100,
      verdict: 'pass',
      registration: { name: 'Acme', declares: 'events (custom_event, screen_view), audiences, DSR (erasure)' },
    })
  })

  it('Slack, given a webhook URL it accepts with --setting', async () => {
    const run = await runCheck([slack, '--token', TOKEN, '--requests', '20', '--setting', `webhookUrl=${SLACK_WEBHOOK}`, '--json'], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(0)
    expect(idsWith(run, 'fail')).toEqual([])
    expect(idsWith(run, 'warn')).toEqual([])
    expect(idsWith(run, 'skip')).toEqual(['audiences', 'dsr'])
  })

  it('Slack without --setting: placeholder settings are refused (suspend), which warns but does not fail', async () => {
    const run = await runCheck([slack, '--token', TOKEN, '--requests', '5'], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(0)
    expect(tableRows(run.stdout, 'WARN')).toContain('responses')
    expect(run.stdout).toContain('--setting id=value')
  })

  it('Iterable (events and audiences)', async () => {
    const run = await runCheck([iterable, '--token', TOKEN, '--requests', '20', '--json'], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(0)
    expect(idsWith(run, 'fail')).toEqual([])
    expect(idsWith(run, 'skip')).toEqual(['dsr'])
    expect(run.report!.registration).toMatchObject({ name: 'Iterable' })
  })

  it('measures real latency with the real clock (budget generous enough for any machine)', async () => {
    const run = await runCheck([quickstart, '--token', TOKEN, '--requests', '10', '--budget-ms', '30000', '--json'])
    expect(run.code, run.stdout).toBe(0)
    const latency = run.report!.latency!
    expect(latency.samplesMs).toHaveLength(10)
    expect(latency.p50).toBeGreaterThan(0)
    expect(latency.p50).toBeLessThanOrEqual(latency.p95)
    expect(latency.p95).toBeLessThanOrEqual(latency.p99)
    expect(run.report!.budgetMs).toBe(30000)
  })
})

describe('firehose check on the examples as modules (direct invocation, 200 ms budget)', { timeout: 60_000 }, () => {
  it.each([
    ['quickstart', 'examples/quickstart/src/handler.ts', [] as string[]],
    ['slack', 'examples/slack/src/handler.ts', ['--setting', `webhookUrl=${SLACK_WEBHOOK}`]],
    ['iterable', 'examples/iterable/src/handler.ts', [] as string[]],
  ])('%s passes (exit 0); auth is not applicable to a direct invocation', async (_name, module, extra) => {
    const run = await runCheck([join(root, module), '--requests', '20', '--json', ...extra], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(0)
    expect(run.report).toMatchObject({ via: 'module', budgetMs: 200, verdict: 'pass' })
    expect(run.report!.checks.find((check) => check.id === 'auth')!.status).toBe('skip')
    expect(idsWith(run, 'fail')).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/main.js'
import { latencyProgress } from '../../../src/cli/check/progress.js'
import type { Answer, Endpoint } from '../../../src/cli/check/endpoint.js'
import { checkCommand } from '../../../src/cli/commands/check.js'
import { latencyHistogram } from '../../../src/cli/report/histogram.js'
import { customEvent, eventBatch } from '../../../src/testing/builders.js'
import { integration } from '../support.js'
import { startEndpoint } from './fixtures/hand-written-endpoint.mjs'
import { runCheck, scriptedClock, steppingClock } from './support.js'

const TOKEN = 'hand-token'
let dir: string
let sound: { url: string; close(): Promise<void> }
let noAuth: { url: string; close(): Promise<void> }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firehose-check-'))
  sound = await startEndpoint({ token: TOKEN })
  noAuth = await startEndpoint({ token: TOKEN, defect: 'no-auth' })
})
afterAll(async () => {
  await sound?.close()
  await noAuth?.close()
  await rm(dir, { recursive: true, force: true })
})

/** Writes nothing outside the page: no script, stylesheet, image, font or frame from anywhere. */
const expectSelfContained = (html: string): void => {
  expect(html).toMatch(/^<!doctype html>/)
  for (const external of [/<script/i, /<link/i, /<img/i, /<iframe/i, /\ssrc=/i, /\shref=/i, /url\(/i, /@import/i]) expect(html).not.toMatch(external)
}

describe('firehose check output', () => {
  it('--json prints the whole report; --junit and --report write their files', async () => {
    const junit = join(dir, 'check.xml')
    const page = join(dir, 'check.html')
    const run = await runCheck([noAuth.url, '--token', TOKEN, '--requests', '12', '--json', '--junit', junit, '--report', page], {
      clock: scriptedClock([3, 5, 8, 13, 21, 34, 55, 89, 144]),
    })
    expect(run.code).toBe(1)
    const report = run.report!
    expect(report).toMatchObject({ target: noAuth.url, via: 'http', budgetMs: 100, requests: 12, verdict: 'fail', counts: { fail: 2, skip: 2 } })
    expect(report.checks.map((check) => check.id)).toEqual([
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
    for (const check of report.checks) {
      expect(check.why.length).toBeGreaterThan(10)
      if (check.status === 'fail') expect(check.fix).toBeTruthy()
    }
    // Twelve requests timed by the scripted clock's nine-value cycle: 144 ms is among them, so p99 (the max of 12) is over the 100 ms budget.
    const scripted = [3, 5, 8, 13, 21, 34, 55, 89, 144]
    expect(report.latency).toMatchObject({ requests: 12, p99: 144, max: 144 })
    expect(report.latency!.samplesMs).toHaveLength(12)
    for (const ms of report.latency!.samplesMs) expect(scripted).toContain(ms)
    expect(report.latency!.overBudget).toBe(report.latency!.samplesMs.filter((ms) => ms > 100).length)
    expect(report.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['auth', 'latency'])
    expect(run.stderr).toContain(`JUnit report written to ${junit}`)

    const xml = await readFile(junit, 'utf8')
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="firehose check" tests="11" failures="2" skipped="2"/)
    expect(xml.match(/<testcase /g)).toHaveLength(11)
    expect(xml.match(/<failure /g)).toHaveLength(2)
    expect(xml).toMatch(/<testcase classname="firehose.check" name="auth: Authentication" time="0">\n\s+<failure message="A request without the right token/)
    expect(xml).not.toMatch(/<(?!\/?(testsuites|testsuite|testcase|failure|skipped|system-out|properties|property)\b|\?xml)/)

    const html = await readFile(page, 'utf8')
    expectSelfContained(html)
    expect(html.match(/<tr class="check /g)).toHaveLength(11)
    expect(html).toContain('data-check="auth" data-status="fail"')
    expect(html).toMatch(/<svg class="histogram"/)
    expect(html.match(/<rect class="bar/g)!.length).toBeGreaterThanOrEqual(5)
    expect(html).toMatch(/<rect class="budget-line"/)
    expect(html).toContain('budget 100 ms')
  })

  it('escapes what an endpoint says in the table, the page and the XML', async () => {
    const hostile = '<script>alert("x")</script>'
    const answer = (response: unknown, extra: Partial<Answer> = {}): Answer => ({ kind: 'delivered', status: 200, response, ms: 1, ...extra })
    // An endpoint that names itself with markup and refuses everything else with markup.
    const endpoint: Endpoint = {
      via: 'http',
      label: 'http://hostile.example/<b>',
      mockedPartner: false,
      async send(text) {
        const message = JSON.parse(text) as { type: string; id: string }
        if (message.type === 'module_registration_request') {
          return answer({
            type: 'module_registration_response',
            id: message.id,
            timestamp_ms: 1,
            firehose_version: '3.2.0',
            name: hostile,
            version: '1',
            event_processing_registration: { supported_event_types: ['custom_event'] },
          })
        }
        return answer({ error: 'permanent', reason: hostile }, { kind: 'permanent', status: 422, reason: hostile })
      },
    }
    const page = join(dir, 'hostile.html')
    const junit = join(dir, 'hostile.xml')
    let stdout = ''
    const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: process.env, cwd: process.cwd() }
    const code = await checkCommand(['http://hostile.example/', '--requests', '3', '--report', page, '--junit', junit], io, {
      clock: steppingClock(),
      endpoint: async () => endpoint,
    })
    expect(code).toBe(1)
    expect(stdout).toContain(hostile) // a terminal shows text as it is
    const html = await readFile(page, 'utf8')
    expect(html).not.toContain(hostile)
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expectSelfContained(html)
    const xml = await readFile(junit, 'utf8')
    expect(xml).not.toContain(hostile)
    expect(xml).toContain('&lt;script&gt;')
  })

  it('an endpoint that does not answer fails the registration check, and the rest is skipped (exit 1)', async () => {
    const closed = await startEndpoint({ token: TOKEN })
    await closed.close()
    const run = await runCheck([closed.url, '--token', TOKEN, '--json'], { clock: steppingClock() })
    expect(run.code).toBe(1)
    expect(run.report!.checks[0]).toMatchObject({ id: 'registration', status: 'fail', why: expect.stringMatching(/no answer: could not reach/) })
    expect(run.report!.counts).toEqual({ pass: 0, fail: 1, warn: 0, skip: 10 })
  })

  it('shows a progress bar on a terminal, and a line a quarter elsewhere', async () => {
    const written: string[] = []
    const tty = latencyProgress({ isTTY: true, write: (text) => written.push(text) })
    for (let i = 1; i <= 200; i++) tty(i, 200)
    expect(written[0]).toMatch(/^\rlatency █?░+ 1\/200$/)
    expect(written.at(-1)).toBe(`\rlatency ${'█'.repeat(30)} 200/200\n`)

    const lines: string[] = []
    const log = latencyProgress({ isTTY: false, write: (text) => lines.push(text) })
    for (let i = 1; i <= 200; i++) log(i, 200)
    expect(lines).toEqual(['latency: 50/200 requests\n', 'latency: 100/200 requests\n', 'latency: 150/200 requests\n', 'latency: 200/200 requests\n'])
  })

  it('draws the budget line where the budget is, and bars over it in the warning colour', () => {
    const svg = latencyHistogram({ samplesMs: [10, 20, 20, 30, 150], budgetMs: 100, p50: 20, p95: 150, p99: 150 })
    const budget = Number(/<rect class="budget-line" x="([\d.]+)"/.exec(svg)![1]) + 1.25
    const zero = /<text class="axis" x="([\d.]+)"[^>]*>0<\/text>/.exec(svg)![1]
    const hundred = /<text class="axis" x="([\d.]+)"[^>]*>100<\/text>/.exec(svg)![1]
    expect(budget).toBeCloseTo(Number(hundred), 0)
    expect(budget).toBeGreaterThan(Number(zero))
    expect(svg.match(/<rect class="bar over"/g)).toHaveLength(1)
    expect([...svg.matchAll(/data-count="(\d+)"/g)].map((m) => Number(m[1])).reduce((a, b) => a + b, 0)).toBe(5)
  })
})

describe('firehose check from main()', () => {
  const quietly = async (argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = ''
    let stderr = ''
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
    try {
      return { code: await main(argv), stdout, stderr }
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  }

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['check'],
      ['check', sound.url, '--requests', '0'],
      ['check', sound.url, '--budget-ms', 'fast'],
      ['check', sound.url, '--bogus'],
      ['check', sound.url, '--live-partner'],
      ['check', sound.url, '--setting', 'novalue'],
    ]) {
      const run = await quietly(argv)
      expect(run.code, argv.join(' ')).toBe(2)
      expect(run.stderr).toContain('Usage: firehose check <url|module>')
    }
  })

  it('is listed in the overview and has its own help', async () => {
    expect((await quietly(['--help'])).stdout).toMatch(/^\s+check\s+certify an endpoint/m)
    const help = await quietly(['check', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Exit code: 0 when no check failed, 1 when any failed, 2 on a usage error.')
  })

  it('exits 0 for a sound endpoint through main() (the real clock, a budget no machine misses)', async () => {
    const run = await quietly(['check', sound.url, '--token', TOKEN, '--requests', '5', '--budget-ms', '30000'])
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain('ready to submit to mParticle')
  })
})

describe('firehose replay --report', () => {
  it('writes the same kind of page: outcome rows, the latency row and the histogram', async () => {
    const messages = join(dir, 'replay.ndjson')
    const batch = (outcome?: string) => JSON.stringify(eventBatch({ settings: { apiKey: 'k-123' }, events: [customEvent({ attributes: outcome ? { outcome } : {} })] }))
    await writeFile(messages, `${[batch(), batch(), batch('retryable'), batch()].join('\n')}\n`)
    const page = join(dir, 'replay.html')
    let stderr = ''
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
    let code: number
    try {
      code = await main(['replay', messages, '--to', integration, '--out', join(dir, 'replay.json'), '--report', page, '--mock-partner', '--quiet'])
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
    expect(code).toBe(1)
    expect(stderr).toContain(`HTML report written to ${page}`)
    const html = await readFile(page, 'utf8')
    expectSelfContained(html)
    expect(html).toContain('<h1>firehose replay</h1>')
    expect(html).toContain('data-check="delivered" data-status="warn"')
    expect(html).toContain('data-check="retryable" data-status="fail"')
    expect(html).toMatch(/data-check="latency" data-status="(pass|fail)"/)
    expect([...html.matchAll(/data-count="(\d+)"/g)].map((m) => Number(m[1])).reduce((a, b) => a + b, 0)).toBe(4)
    expect(html).toMatch(/<rect class="budget-line"/)
  })
})

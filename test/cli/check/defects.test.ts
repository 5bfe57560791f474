import { afterAll, describe, expect, it } from 'vitest'
import { startEndpoint } from './fixtures/hand-written-endpoint.mjs'
import { runCheck, spawnHandWritten, steppingClock, tableRows } from './support.js'

/**
 * `firehose check` against an endpoint written by hand (node:http, no SDK), first sound, then with
 * one defect at a time: the check must exit 1 and name the check that catches the defect.
 * Latency is measured with a stepping clock (2 ms a request) except where latency is the defect.
 */
const TOKEN = 'hand-token'
const stops: Array<() => unknown> = []
afterAll(async () => {
  for (const stop of stops) await stop()
})

const endpoint = async (defect?: string): Promise<string> => {
  const started = await startEndpoint({ ...(defect ? { defect } : {}), token: TOKEN })
  stops.push(() => started.close())
  return started.url
}

describe('firehose check on a hand-written endpoint', { timeout: 60_000 }, () => {
  it('passes every check of a sound endpoint (exit 0) and skips what it does not declare', async () => {
    const run = await runCheck([await endpoint(), '--token', TOKEN, '--requests', '20'], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(0)
    expect(tableRows(run.stdout, 'FAIL')).toEqual([])
    expect(tableRows(run.stdout, 'WARN')).toEqual([])
    expect(tableRows(run.stdout, 'PASS')).toEqual([
      'registration',
      'responses',
      'verification',
      'auth',
      'forward-compatibility',
      'bad-input',
      'latency',
      'large-batch',
      'redelivery',
    ])
    expect(tableRows(run.stdout, 'SKIP')).toEqual(['audiences', 'dsr'])
    expect(run.stdout).toContain('Hand-written 1.0 declares events (custom_event, screen_view)')
    expect(run.stdout).toContain('latency over 20 requests: p50 2 ms · p95 2 ms · p99 2 ms')
    expect(run.stdout).toContain('9 passed, 0 failed, 0 warned, 2 skipped')
  })

  it.each([
    ['registration-behind-auth', 'registration', /refused without a token \(HTTP 401\)/],
    ['no-auth', 'auth', /without the right token was not refused with 401 or 403/],
    ['5xx-on-unknown-event-type', 'forward-compatibility', /unknown event type was answered HTTP 500/],
    ['non-uuid-ids', 'responses', /"id" "response-\d+" is not a UUID/],
  ])('%s: exit 1, and the %s check fails', async (defect, failing, why) => {
    const run = await runCheck([await endpoint(defect), '--token', TOKEN, '--requests', '10'], { clock: steppingClock() })
    expect(run.code, run.stdout).toBe(1)
    expect(tableRows(run.stdout, 'FAIL')).toContain(failing)
    expect(run.stdout).toMatch(why)
    expect(run.stdout).toMatch(/how to fix: /)
  })

  it('non-uuid-ids: the registration response is faulted too, and later checks still run with what it declares', async () => {
    const run = await runCheck([await endpoint('non-uuid-ids'), '--token', TOKEN, '--requests', '5', '--json'], { clock: steppingClock() })
    const status = Object.fromEntries(run.report!.checks.map((check) => [check.id, check.status]))
    expect(status).toMatchObject({ registration: 'fail', responses: 'fail', auth: 'pass', 'bad-input': 'pass' })
  })

  it('registration-behind-auth: the later checks use the registration fetched with the token', async () => {
    const run = await runCheck([await endpoint('registration-behind-auth'), '--token', TOKEN, '--requests', '5', '--json'], { clock: steppingClock() })
    expect(run.report!.registration).toMatchObject({ name: 'Hand-written', declares: 'events (custom_event, screen_view)' })
    expect(run.report!.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['registration'])
  })

  // A real delay and the real clock: 180 ms is a lower bound on every answer, so p99 > 100 ms whatever the machine's load.
  it('slow-180ms: exit 1, and the latency check fails against the 100 ms HTTP budget', async () => {
    const run = await runCheck([await endpoint('slow-180ms'), '--token', TOKEN, '--requests', '5', '--json'])
    expect(run.code).toBe(1)
    const latency = run.report!.checks.find((check) => check.id === 'latency')!
    expect(latency.status).toBe('fail')
    expect(latency.why).toMatch(/^p99 is \d+(\.\d+)? ms, over mParticle's 100 ms budget over HTTP/)
    expect(run.report!.latency!.p50).toBeGreaterThanOrEqual(180)
    expect(run.report!.latency!.overBudget).toBe(5)
  }, 60_000)

  it('crash-on-malformed-json (in its own process): exit 1, and the bad-input check says it stopped answering', async () => {
    const crashing = await spawnHandWritten('crash-on-malformed-json', TOKEN)
    stops.push(() => crashing.stop())
    const run = await runCheck([crashing.url, '--token', TOKEN, '--requests', '5'], { clock: steppingClock() })
    expect(run.code).toBe(1)
    expect(tableRows(run.stdout, 'FAIL')).toContain('bad-input')
    expect(run.stdout).toMatch(/malformed JSON: no answer/)
    expect(run.stdout).toMatch(/stopped answering after bad input/)
    // Everything before the malformed JSON passed.
    expect(tableRows(run.stdout, 'PASS')).toEqual(expect.arrayContaining(['registration', 'responses', 'verification', 'auth', 'forward-compatibility']))
  })
})

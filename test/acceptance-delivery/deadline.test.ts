import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/index.js'
import { eventBatch, invoke } from '../../src/testing/index.js'
import { accountSettings, exactlyOnce, integration, numberedEvents, ok, partner, type Partner } from './support.js'

// Each deadline here ends a call that never answers, so the test lasts the whole window. The windows
// are wide enough for the calls that do answer to finish on a busy machine; what is asserted is
// what the deadline cut, never how fast the machine got there.
const LAMBDA_MS = 2_250
const MARGIN_MS = 250

let api: Partner
beforeEach(async () => {
  api = await partner()
})
afterEach(async () => {
  await api.close()
})

describe('a timeout mid-batch (the Lambda deadline arrives while the partner is slow)', () => {
  it('aborts the call in flight, releases its claim, ends retryable; the second delivery sends only what was not delivered', async () => {
    const events = numberedEvents(12)
    const ids = events.map((e) => e.id)
    // Events 1-5 are accepted; the call for event 6 never gets an answer.
    api.script(ok, ok, ok, ok, ok, { hang: true })
    const app = integration({ partnerUrl: api.url, checkpoints: memoryStore() })
    const message = eventBatch({ events, settings: accountSettings })

    const started = Date.now()
    // 2,250 ms of Lambda time minus the 250 ms default margin: the signal fires after 2 s.
    const first = await invoke(app.handler, message, { timeoutMs: LAMBDA_MS })
    const took = Date.now() - started
    expect(first.ok).toBe(false)
    if (!first.ok) expect(first.error.kind).toBe('retryable')
    // Ended by the deadline's signal (a timer never fires early), not by the hanging call.
    expect(took).toBeGreaterThanOrEqual(LAMBDA_MS - MARGIN_MS - 10)
    expect(api.requests).toHaveLength(6)
    // The partner saw the client go away: the call was aborted, not left running.
    await expect(Promise.race([api.requests[5]!.abandoned.then(() => 'abandoned'), new Promise((r) => setTimeout(() => r('still open'), 200))])).resolves.toBe('abandoned')
    expect(app.logger.records().some((r) => r.message === 'partner call failed' && (r.network === 'aborted' || r.network === 'timeout'))).toBe(true)

    const second = await invoke(app.handler, message, { timeoutMs: 5000 })
    expect(second).toMatchObject({ ok: true })
    // Event 6's claim was released, so it is sent again along with 7-12; 1-5 are not.
    expect(api.calls().slice(6).flat()).toEqual(ids.slice(5))
    expect(exactlyOnce(await api.accepted(), ids)).toBe(true)
  })

  it('a partner call may use the whole window: the margin before the Lambda deadline is kept once, not twice', async () => {
    // 3,000 ms of Lambda time, a 1,000 ms margin: the window is 2,000 ms. A 1,500 ms answer fits, with
    // 500 ms to spare; had the client kept its own margin from the window again, it would have had
    // only 1,000 ms. (A wide margin, so that a busy machine's slower round trip still fits.)
    api.script({ ...ok, delayMs: 1_500 })
    const app = integration({ partnerUrl: api.url, checkpoints: memoryStore(), deadlineMarginMs: 1_000 })
    const result = await invoke(app.handler, eventBatch({ events: numberedEvents(1), settings: accountSettings }), { timeoutMs: 3_000 })
    expect(result).toMatchObject({ ok: true })
  })

  it('a handler that ignores the signal still ends retryable at the deadline, and its claim is released', async () => {
    const events = numberedEvents(3)
    const ids = events.map((e) => e.id)
    let stalls = 1
    const app = integration({
      partnerUrl: api.url,
      checkpoints: memoryStore(),
      // The second event's handler waits on something that is not ctx.http and never looks at ctx.signal.
      before: (event) => (event.id === ids[1] && stalls-- > 0 ? new Promise(() => {}) : undefined),
    })
    const message = eventBatch({ events, settings: accountSettings })
    const first = await invoke(app.handler, message, { timeoutMs: LAMBDA_MS })
    expect(first).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(api.calls()).toEqual([[ids[0]]])
    expect(await invoke(app.handler, message)).toMatchObject({ ok: true })
    expect(api.calls()).toEqual([[ids[0]], [ids[1]], [ids[2]]])
  })

  it('onEvents chunks: a bulk call cut by the deadline is sent again whole, earlier chunks are not', async () => {
    const events = numberedEvents(30)
    const ids = events.map((e) => e.id)
    api.script(ok, { hang: true })
    const app = integration({ partnerUrl: api.url, checkpoints: memoryStore(), stages: 'onEvents', options: { batch: { size: 10 } } })
    const message = eventBatch({ events, settings: accountSettings })
    expect(await invoke(app.handler, message, { timeoutMs: LAMBDA_MS })).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(await invoke(app.handler, message)).toMatchObject({ ok: true })
    expect(api.calls('/bulk')).toEqual([ids.slice(0, 10), ids.slice(10, 20), ids.slice(10, 20), ids.slice(20, 30)])
    expect(exactlyOnce(await api.accepted('/bulk'), ids)).toBe(true)
  })
})

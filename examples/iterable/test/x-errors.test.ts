import { describe, expect, it } from 'vitest'
import { memoryStore } from 'firehose-kit'
import type { RecordedRequest } from 'firehose-kit/testing'
import { call, expectAck, fixture, run, SUCCESS } from './support.js'

/** Answers `status` to the first call on `path`, Success to everything else. */
const failOn = (path: string, answer: { status: number; json?: unknown }) => {
  let failed = false
  return (request: RecordedRequest) => {
    if (!failed && request.path === path) {
      failed = true
      return answer
    }
    return request.path.startsWith('/api/lists/') ? { status: 200, json: { successCount: 1, failCount: 0 } } : SUCCESS
  }
}

const paths = (calls: ReadonlyArray<{ path: string }>) => calls.map((c) => c.path)

const MIXED = ['/api/users/updateEmail', '/api/users/update', '/api/events/trackPushOpen', '/api/events/track', '/api/events/track', '/api/commerce/trackPurchase']

describe('X error classification, retries, idempotency', () => {
  describe('X1: 429, 502 and 504 stop processing and make the whole message retryable', () => {
    it.each([429, 502, 504])('X1: %i on users/update: no later call, the invocation rejects retryable', async (status) => {
      const { result, calls } = await run(fixture('e2-mixed-batch.json'), { script: failOn('/api/users/update', { status, json: { code: 'RateLimitExceeded' } }) })
      expect(paths(calls)).toEqual(MIXED.slice(0, 2))
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.kind).toBe('retryable')
    })

    it.each([429, 502, 504])('X1: %i on a per-event track stops the remaining events', async (status) => {
      const { result, calls } = await run(fixture('e2-mixed-batch.json'), { script: failOn('/api/events/track', { status }) })
      expect(paths(calls)).toEqual(MIXED.slice(0, 4))
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.kind).toBe('retryable')
    })

    it.each([429, 502, 504])('X1: %i on a list call stops the audience message (retryable)', async (status) => {
      const { result, calls } = await run(fixture('a1-grouping.json'), { script: failOn('/api/lists/subscribe', { status }) })
      expect(calls).toHaveLength(1)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.kind).toBe('retryable')
    })
  })

  it('X2: a call that does not answer within the configured timeout is retryable and stops the batch', async () => {
    const script = (request: RecordedRequest) => (request.path === '/api/users/update' ? { hang: true as const } : SUCCESS)
    const { result, calls } = await run(fixture('e2-mixed-batch.json'), { script, timeoutMs: 50 })
    expect(paths(calls)).toEqual(MIXED.slice(0, 2))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('retryable')
      expect(result.error.message).toMatch(/users\/update failed: no answer within (49|50) ms/)
    }
  })

  describe('X3: other failures are permanent: logged with status, path and event id, and processing goes on', () => {
    it.each([400, 401, 404, 500, 503])('X3: %i on track -> logged, next event still sent, batch acknowledged', async (status) => {
      const { result, calls, logger } = await run(fixture('e2-two-events.json'), { script: failOn('/api/events/track', { status, json: { code: 'Oops', msg: 'no' } }) })
      expectAck(result, 'event_processing_response', 'batch-e2b')
      expect(paths(calls)).toEqual(['/api/users/update', '/api/events/track', '/api/events/track'])
      expect(logger.records()).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'item failed for good',
          messageId: 'batch-e2b',
          item: '00002201-0000-4000-8000-000000002201',
          reason: expect.stringMatching(new RegExp(`^POST api\\.iterable\\.com/api/events/track answered ${status}`)),
        }),
      )
    })

    it('X3: a 500 on users/update is logged with the batch id and the per-event calls follow', async () => {
      const { result, calls, logger } = await run(fixture('e2-mixed-batch.json'), { script: failOn('/api/users/update', { status: 500 }) })
      expectAck(result, 'event_processing_response', 'batch-e2')
      expect(paths(calls)).toEqual(MIXED)
      expect(logger.records()).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'item failed for good',
          messageId: 'batch-e2',
          item: 'batch-e2',
          reason: expect.stringMatching(/users\/update answered 500/),
        }),
      )
    })

    it('X3 (parity): 500 and 503 are not retried, neither inside the invocation nor by failing the message', async () => {
      for (const status of [500, 503]) {
        const { result, calls } = await run(fixture('e1-custom-event.json'), { script: failOn('/api/events/track', { status }) })
        expect(paths(calls)).toEqual(['/api/users/update', '/api/events/track'])
        expect(result.ok).toBe(true)
      }
    })

    it('X3: a 400 on a list call is logged and the other lists are still sent', async () => {
      const { result, calls, logger } = await run(fixture('a1-grouping.json'), { script: failOn('/api/lists/subscribe', { status: 400 }) })
      expectAck(result, 'audience_membership_change_response', 'aud-a1')
      expect(calls).toHaveLength(6)
      expect(logger.records()).toContainEqual(
        expect.objectContaining({ message: 'item failed for good', reason: expect.stringMatching(/^list 1: POST api\.iterable\.com\/api\/lists\/subscribe answered 400/) }),
      )
    })
  })

  it('X4: HTTP 200 with a body code other than Success is a permanent failure: logged, processing goes on', async () => {
    const { result, calls, logger } = await run(fixture('e2-two-events.json'), {
      script: failOn('/api/events/track', { status: 200, json: { code: 'BadParams', msg: 'Invalid' } }),
    })
    expectAck(result, 'event_processing_response', 'batch-e2b')
    expect(paths(calls)).toEqual(['/api/users/update', '/api/events/track', '/api/events/track'])
    expect(logger.records()).toContainEqual(
      expect.objectContaining({ message: 'item failed for good', item: '00002201-0000-4000-8000-000000002201', reason: expect.stringMatching(/answered 200 \(code BadParams\)/) }),
    )
  })

  describe('X5: replay', () => {
    it('X5: without checkpoints a replay sends byte-identical track and trackPurchase bodies; push opens and email updates are sent again', async () => {
      const first = await run(fixture('e2-mixed-batch.json'))
      const second = await run(fixture('e2-mixed-batch.json'))
      const bytes = (replay: typeof first, path: string) => replay.requests.flatMap((r, i) => (r.path === path ? [replay.raw[i]] : []))
      for (const path of ['/api/events/track', '/api/commerce/trackPurchase']) {
        expect(bytes(second, path)).toHaveLength(path === '/api/events/track' ? 2 : 1)
        expect(bytes(second, path)).toEqual(bytes(first, path))
      }
      expect(second.calls.filter((c) => c.path === '/api/events/track').map((c) => (c.body as any).id)).toEqual([
        '00002001-0000-4000-8000-000000002001',
        '00002002-0000-4000-8000-000000002002',
      ])
      // Not idempotent at Iterable: a replay repeats them (a second open is counted; the email conversion fails once done).
      expect(paths(second.calls)).toEqual(MIXED)
      expect(paths(second.calls).filter((p) => p === '/api/events/trackPushOpen' || p === '/api/users/updateEmail')).toHaveLength(2)
    })

    it('X5: with checkpoints, an event that failed for good is not marked delivered, so a later delivery tries it again', async () => {
      const checkpoints = memoryStore()
      const first = await run(fixture('e2-mixed-batch.json'), { checkpoints, script: failOn('/api/events/track', { status: 200, json: {} }) })
      expect(first.result.ok).toBe(true)
      const again = await run(fixture('e2-mixed-batch.json'), { checkpoints })
      expect(paths(again.calls)).toEqual(['/api/events/track'])
      expect((again.calls[0].body as any).eventName).toBe('First')
    })

    it('X5: with checkpoints, a retryable per-event failure is replayed without the pre-pass calls', async () => {
      const checkpoints = memoryStore()
      let tracks = 0
      const script = (request: RecordedRequest) => (request.path === '/api/events/track' && ++tracks === 2 ? { status: 429 } : SUCCESS)
      const first = await run(fixture('e2-mixed-batch.json'), { checkpoints, script })
      expect(first.result.ok).toBe(false)
      expect(paths(first.calls)).toEqual(MIXED.slice(0, 5))
      const replay = await run(fixture('e2-mixed-batch.json'), { checkpoints })
      expect(replay.result.ok).toBe(true)
      expect(replay.calls).toEqual([
        call('/api/events/track', expect.objectContaining({ eventName: 'Second', id: '00002002-0000-4000-8000-000000002002' })),
        call('/api/commerce/trackPurchase', expect.objectContaining({ id: '00002005-0000-4000-8000-000000002005' })),
      ])
    })

    it('X5: with checkpoints, a retryable users/update after a delivered updateEmail does not repeat the email update', async () => {
      const checkpoints = memoryStore()
      const first = await run(fixture('e2-mixed-batch.json'), { checkpoints, script: failOn('/api/users/update', { status: 502 }) })
      expect(first.result.ok).toBe(false)
      expect(paths(first.calls)).toEqual(MIXED.slice(0, 2))
      const replay = await run(fixture('e2-mixed-batch.json'), { checkpoints })
      expect(replay.result.ok).toBe(true)
      expect(paths(replay.calls)).toEqual(MIXED.slice(1))
      const third = await run(fixture('e2-mixed-batch.json'), { checkpoints })
      expect(third.calls).toEqual([])
    })
  })

  it('X6: the apiKey never appears in a log line, nor the user email; failure lines carry batch and event ids', async () => {
    const scenarios = [
      () =>
        run(fixture('e2-mixed-batch.json'), { script: failOn('/api/events/track', { status: 400, json: { code: 'BadApiKey', msg: 'test-key is invalid for user@example.com' } }) }),
      () => run(fixture('e2-mixed-batch.json'), { script: failOn('/api/users/update', { status: 429 }) }),
      () => run(fixture('e2-mixed-batch.json'), { script: failOn('/api/events/trackPushOpen', { status: 200, json: { code: 'test-key' } }) }),
      () => run(fixture('e3-bad-csv.json')),
      () => run(fixture('a8-missing-list-id.json'), { script: failOn('/api/lists/subscribe', { status: 401 }) }),
      () => run(fixture('u5-no-identity.json')),
    ]
    for (const scenario of scenarios) {
      const { logger } = await scenario()
      expect(logger.lines.length).toBeGreaterThan(0)
      for (const line of logger.lines) {
        expect(line).not.toContain('test-key')
        expect(line).not.toContain('user@example.com')
      }
      for (const record of logger.records().filter((r) => r.message === 'item failed for good')) {
        expect(record.messageId).toEqual(expect.any(String))
        expect(record.item).toEqual(expect.any(String))
      }
    }
  })
})

import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { audienceMembership, audienceSubscription, customEvent, dsrRequest, eventBatch, registrationRequest, screenView } from '../../src/testing/builders.js'
import { invoke } from '../../src/testing/invoke.js'
import { fold, type ItemKind } from '../../src/core/outcome.js'
import { acme, goodSettings, type Scripted } from './acme.js'

const batchWith = (outcomes: Scripted[]) =>
  eventBatch({ settings: goodSettings, events: outcomes.map((outcome, i) => customEvent({ name: `e${i}`, timestamp_ms: 1000 + i, attributes: { outcome } })) })

describe('event batches: the outcome table', () => {
  it('delivered: resolves to the response; HTTP 200 with the same', async () => {
    const { handler } = acme()
    const message = batchWith(['ok', 'ok'])
    const direct = await invoke(handler, message)
    expect(direct).toEqual({ ok: true, response: { type: 'event_processing_response', id: message.id, timestamp_ms: expect.any(Number), firehose_version: '3.2.0' } })
    const http = await invoke(handler, message, { via: 'http-api', token: 'token-a' })
    expect(http.status).toBe(200)
    expect(http.json).toMatchObject({ type: 'event_processing_response', id: message.id })
  })

  it('some items failed for good: resolves, and each failure is logged with message and item id', async () => {
    const { handler, logger } = acme()
    const message = batchWith(['ok', 'permanent', 'ok'])
    const result = await invoke(handler, message)
    expect(result.ok).toBe(true)
    const failures = logger.records().filter((r) => r.message === 'item failed for good')
    expect(failures).toEqual([expect.objectContaining({ messageId: message.id, item: (message.events[1] as { id: string }).id, reason: 'partner rejected the event' })])
    expect((await invoke(handler, message, { via: 'rest', token: 'token-a' })).status).toBe(200)
  })

  it('suspend: resolves with suspend_subscription true; HTTP 200 with the same', async () => {
    const { handler } = acme()
    const message = batchWith(['ok', 'suspend'])
    const direct = await invoke(handler, message)
    expect(direct.ok && direct.response.suspend_subscription).toBe(true)
    const http = await invoke(handler, message, { via: 'function-url', token: 'token-a' })
    expect([http.status, http.json.suspend_subscription]).toEqual([200, true])
  })

  it('retryable: rejects with a retryable error carrying retryAfterMs; HTTP 429 with Retry-After', async () => {
    const { handler } = acme()
    const message = batchWith(['ok', 'retryable', 'ok'])
    const direct = await invoke(handler, message)
    expect(direct.ok).toBe(false)
    if (!direct.ok) expect([direct.error.kind, direct.error.retryAfterMs]).toEqual(['retryable', 2000])
    const http = await invoke(handler, message, { via: 'http-api', token: 'token-a' })
    expect(http.status).toBe(429)
    expect(http.headers['retry-after'] ?? http.headers['Retry-After']).toBe('2')
  })

  it('a thrown exception counts as retryable, and its message (personal data) is never logged or answered', async () => {
    // Production behaviour: tests otherwise run in development mode, which shows the message.
    vi.stubEnv('FIREHOSE_DEBUG', '0')
    onTestFinished(() => void vi.unstubAllEnvs())
    const { handler, logger } = acme()
    const direct = await invoke(handler, batchWith(['throw']))
    expect(!direct.ok && direct.error.kind).toBe('retryable')
    const http = await invoke(handler, batchWith(['throw']), { via: 'http-api', token: 'token-a' })
    expect(http.status).toBe(429)
    expect(JSON.stringify(http.json)).not.toContain('user@example.com')
    expect(logger.lines.join('\n')).not.toContain('user@example.com')
  })

  it('onThrow: permanent makes a thrown exception a permanent failure', async () => {
    const { handler } = acme({}, { onThrow: 'permanent' })
    expect((await invoke(handler, batchWith(['throw', 'ok']))).ok).toBe(true)
  })

  it('a thrown FirehoseError counts as its kind', async () => {
    const { handler } = acme()
    expect((await invoke(handler, batchWith(['throw-permanent']))).ok).toBe(true)
  })

  it('retryable wins over suspend, suspend over permanent, permanent over delivered', () => {
    const item = (kind: ItemKind) => ({ item: kind, stage: 'on', kind, reason: kind })
    expect(fold([item('delivered'), item('permanent'), item('suspend'), item('retryable'), item('skipped')]).kind).toBe('retryable')
    expect(fold([item('permanent'), item('suspend'), item('delivered')]).kind).toBe('suspend')
    expect(fold([item('skipped'), item('permanent'), item('delivered')]).kind).toBe('permanent')
    expect(fold([item('skipped'), item('delivered')]).kind).toBe('delivered')
    expect(fold([]).kind).toBe('delivered')
  })

  it('a suspend answers suspend_subscription even when permanent failures came first', async () => {
    const { handler } = acme()
    const r = await invoke(handler, batchWith(['permanent', 'suspend']))
    expect(r.ok && r.response.suspend_subscription).toBe(true)
  })
})

describe('audience membership changes: the outcome table', () => {
  const message = () => audienceMembership({ settings: goodSettings })
  it.each([
    ['ok', true, false, 200],
    ['permanent', true, false, 200],
    ['suspend', true, true, 200],
  ] as const)('%s resolves (suspend_subscription %s/%s); HTTP %s', async (audience, ok, suspended, status) => {
    const { handler } = acme({ audience })
    const direct = await invoke(handler, message())
    expect(direct.ok).toBe(ok)
    if (direct.ok) expect(direct.response).toMatchObject({ type: 'audience_membership_change_response', suspend_subscription: suspended })
    const http = await invoke(handler, message(), { via: 'http-api', token: 'token-a' })
    expect([http.status, http.json.suspend_subscription]).toEqual([status, suspended])
  })
  it.each(['retryable', 'throw'] as const)('%s rejects retryable; HTTP 429', async (audience) => {
    const { handler } = acme({ audience })
    const direct = await invoke(handler, message())
    expect(!direct.ok && direct.error.kind).toBe('retryable')
    expect((await invoke(handler, message(), { via: 'http-api', token: 'token-a' })).status).toBe(429)
  })
})

describe.each([
  ['audience subscription', 'subscription', () => audienceSubscription({ settings: goodSettings }), 'audience_subscription_response'],
  ['DSR', 'dsr', () => dsrRequest({ settings: goodSettings }), 'dsr_processing_response'],
] as const)('%s: the outcome table', (_, key, build, responseType) => {
  it('delivered resolves to the response; HTTP 200', async () => {
    const { handler } = acme()
    const message = build()
    const direct = await invoke(handler, message)
    expect(direct.ok && direct.response).toMatchObject({ type: responseType, id: message.id })
    expect(direct.ok && 'suspend_subscription' in direct.response).toBe(false)
    expect((await invoke(handler, build(), { via: 'http-api', token: 'token-a' })).status).toBe(200)
  })
  it.each(['permanent', 'suspend'] as const)('%s rejects with a non-retryable error; HTTP 400 with the reason', async (outcome) => {
    const { handler } = acme({ [key]: outcome })
    const direct = await invoke(handler, build())
    expect(!direct.ok && direct.error.kind).toBe(outcome)
    const http = await invoke(handler, build(), { via: 'http-api', token: 'token-a' })
    expect(http.status).toBe(400)
    expect(http.json.reason).toMatch(/partner/)
  })
  it.each(['retryable', 'throw'] as const)('%s rejects retryable; HTTP 429', async (outcome) => {
    const { handler } = acme({ [key]: outcome })
    const direct = await invoke(handler, build())
    expect(!direct.ok && direct.error.kind).toBe('retryable')
    expect((await invoke(handler, build(), { via: 'http-api', token: 'token-a' })).status).toBe(429)
  })
})

describe('any message', () => {
  it.each([
    ['not an object', 42, ''],
    ['an unknown type', { type: 'event_processing_requests', id: 'x', timestamp_ms: 1 }, '/type'],
    ['a missing id', { type: 'event_processing_request', timestamp_ms: 1 }, '/id'],
    ['a missing timestamp_ms', { type: 'event_processing_request', id: 'x' }, '/timestamp_ms'],
  ])('undecodable (%s): rejects with a decode error listing the paths; HTTP 400 with the paths', async (_, message, path) => {
    const { handler, calls } = acme()
    const direct = await invoke(handler, message)
    expect(!direct.ok && direct.error.kind).toBe('decode')
    if (!direct.ok) expect(direct.error.problems?.map((p) => p.path)).toContain(path)
    const http = await invoke(handler, message, { via: 'http-api', token: 'token-a' })
    expect(http.status).toBe(400)
    expect(http.json.problems.map((p: { path: string }) => p.path)).toContain(path)
    expect(calls).toEqual([])
  })

  it('failed auth: HTTP 401, and the handler is never called', async () => {
    const { handler, calls } = acme()
    expect((await invoke(handler, batchWith(['ok']), { via: 'http-api' })).status).toBe(401)
    expect((await invoke(handler, batchWith(['ok']), { via: 'http-api', token: 'wrong' })).status).toBe(401)
    expect(calls).toEqual([])
  })

  it('a body over the limit: HTTP 413', async () => {
    const { handler } = acme({}, { transport: { maxBodyBytes: 1024 } })
    const big = eventBatch({ settings: goodSettings, events: [customEvent({ attributes: { blob: 'x'.repeat(2000) } })] })
    expect((await invoke(handler, big, { via: 'http-api', token: 'token-a' })).status).toBe(413)
  })

  it('a response message sent as a request is refused, not processed', async () => {
    const { handler } = acme()
    const result = await invoke(handler, { type: 'event_processing_response', id: 'x', timestamp_ms: 1 })
    expect(!result.ok && result.error.kind).toBe('permanent')
  })
})

describe('configuration errors', () => {
  it('a missing required setting suspends an event batch and calls no handler; the reason is logged', async () => {
    const { handler, calls, logger } = acme()
    const message = eventBatch({ settings: { sandbox: 'true' }, events: [customEvent(), screenView()] })
    const result = await invoke(handler, message)
    expect(result.ok && result.response.suspend_subscription).toBe(true)
    expect(calls).toEqual([])
    expect(logger.records().some((r) => String(r.reason).includes('apiKey'))).toBe(true)
  })
  it('a malformed setting on a DSR request rejects it as suspend (HTTP 400)', async () => {
    const { handler } = acme()
    const http = await invoke(handler, dsrRequest({ settings: { apiKey: 'k-1234', sandbox: 'maybe' } }), { via: 'http-api', token: 'token-a' })
    expect(http.status).toBe(400)
  })
})

describe('registration', () => {
  it('answers with the declared registration, echoing the request id, without auth over HTTP', async () => {
    const { handler } = acme()
    const message = registrationRequest()
    const http = await invoke(handler, message, { via: 'http-api' })
    expect(http.status).toBe(200)
    expect(http.json).toMatchObject({ type: 'module_registration_response', id: message.id, name: 'Acme', version: '1.0', sdk_version: '3.2.0' })
  })
})

describe('FirehoseError from another copy of the SDK', () => {
  it('keeps its kind (recognised by shape, not by class identity)', async () => {
    class ForeignFirehoseError extends Error {
      override readonly name = 'FirehoseError'
      readonly kind = 'permanent'
    }
    const { firehose } = await import('../../src/index.js')
    const { memoryLogger } = await import('../../src/testing/index.js')
    const handler = firehose(
      {
        registration: { name: 'F', version: '1', dsr: {} },
        onDsr: () => {
          throw new ForeignFirehoseError('nope')
        },
      },
      { auth: false, logger: memoryLogger() },
    )
    const result = await invoke(handler, dsrRequest())
    expect(!result.ok && result.error.kind).toBe('permanent')
  })
})

describe('options', () => {
  it('retryStatus sets the HTTP status of retryable outcomes', async () => {
    const { handler } = acme({}, { transport: { retryStatus: 503 } })
    const http = await invoke(handler, batchWith(['retryable']), { via: 'http-api', token: 'token-a' })
    expect([http.status, http.headers['retry-after']]).toEqual([503, '2'])
  })

  it('onAudienceSubscription resolving to an undeclared setting is refused (permanent), not stored', async () => {
    const { firehose } = await import('../../src/index.js')
    const { memoryLogger } = await import('../../src/testing/index.js')
    const E = await import('fp-ts/lib/Either.js')
    const handler = firehose(
      { registration: { name: 'S', version: '1', audiences: {} }, onAudienceSubscription: () => E.right({ listID: 3 } as never) },
      { auth: false, logger: memoryLogger() },
    )
    const result = await invoke(handler, audienceSubscription())
    expect(!result.ok && result.error).toMatchObject({ kind: 'permanent', message: expect.stringContaining('"listID" is not a declared subscription setting') })
  })

  it('onAudienceSubscription settings are written as strings in the response', async () => {
    const { handler } = acme()
    const result = await invoke(handler, audienceSubscription({ settings: goodSettings }))
    expect(result.ok && result.response.audience_subscription_settings).toEqual({ listId: '7' })
  })
})

describe('untyped failures', () => {
  it('a plain throw is marked untyped all the way to the rejection; a thrown FirehoseError is not', async () => {
    const { handler } = acme()
    const plain = await invoke(handler, batchWith(['throw']))
    expect(!plain.ok && plain.error.untyped).toBe(true)
    const { handler: dsr } = acme({ dsr: 'throw-permanent' })
    const typed = await invoke(dsr, dsrRequest({ settings: goodSettings }))
    expect(!typed.ok && typed.error.untyped).toBeUndefined()
  })
})

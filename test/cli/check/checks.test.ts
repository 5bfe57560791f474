import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { isAccepted, judgeAnswer } from '../../../src/cli/check/answers.js'
import { largeBatchCheck } from '../../../src/cli/check/checks/large-batch.js'
import { forwardCompatibilityCheck } from '../../../src/cli/check/checks/forward-compatibility.js'
import { verificationCheck } from '../../../src/cli/check/checks/verification.js'
import { declarationOf } from '../../../src/cli/check/declaration.js'
import type { Answer, Endpoint } from '../../../src/cli/check/endpoint.js'
import { createMessageFactory } from '../../../src/cli/check/messages.js'
import type { CheckContext } from '../../../src/cli/check/types.js'
import type { PartnerCall } from '../../../src/cli/partner-calls.js'

/** Checks on their own, against endpoints that are plain functions: every answer and its latency chosen by the test. */
const registration = declarationOf({
  type: 'module_registration_response',
  id: randomUUID(),
  timestamp_ms: 1,
  firehose_version: '3.2.0',
  name: 'Fake',
  version: '1',
  event_processing_registration: { supported_event_types: ['custom_event', 'screen_view'] },
})

type Message = { type: string; id: string; events?: Array<{ type: string }> }
const ok = (message: Message, extra: Partial<Answer> = {}): Answer => ({
  kind: 'delivered',
  status: 200,
  response: { type: message.type.replace(/_request$/, '_response'), id: randomUUID(), timestamp_ms: 1, firehose_version: '3.2.0' },
  ms: 5,
  ...extra,
})

const context = (via: 'http' | 'module', answer: (message: Message) => Answer): CheckContext => {
  const endpoint: Endpoint = { via, label: 'fake', mockedPartner: via === 'module', send: async (text) => answer(JSON.parse(text) as Message) }
  return { endpoint, budgetMs: 100, requests: 3, declaration: registration, messages: createMessageFactory(registration) }
}
const calls = (n: number): PartnerCall[] => Array.from({ length: n }, () => ({ method: 'POST', target: 'api.example/track', status: 200, ms: 0, mocked: true }))

describe('the large-batch check', () => {
  it('sends about 1 MB and 1,000 events, three times, and passes a median within the budget', async () => {
    const sizes: number[] = []
    const outcome = await largeBatchCheck.run(context('http', (m) => (sizes.push(m.events!.length), ok(m, { ms: [30, 250, 60][sizes.length - 1]! }))))
    expect(sizes).toEqual([1000, 1000, 1000])
    expect(outcome).toMatchObject({ status: 'pass', why: 'Answered in 60 ms (median of 3), within the 100 ms budget.' })
    expect(outcome.details[0]).toMatch(/^1,000 events, 1\.\d\d MB: HTTP 200/)
  })

  it('fails an answer over the budget, and passes a retryable one however late', async () => {
    expect(await largeBatchCheck.run(context('http', (m) => ok(m, { ms: 150 })))).toMatchObject({
      status: 'fail',
      why: expect.stringMatching(/^Answered in 150 ms \(median of 3\), over the 100 ms budget/),
    })
    const later = await largeBatchCheck.run(context('http', () => ({ kind: 'retryable', status: 429, ms: 400, reason: 'busy' })))
    expect(later).toMatchObject({ status: 'pass', why: expect.stringMatching(/^Answered retryable/) })
  })

  it('fails a 413 and a 500, and a handler that threw', async () => {
    expect(await largeBatchCheck.run(context('http', () => ({ kind: 'too_large', status: 413, ms: 2 })))).toMatchObject({ status: 'fail', fix: expect.stringContaining('6 MB') })
    expect(await largeBatchCheck.run(context('http', () => ({ kind: 'retryable', status: 500, ms: 2 })))).toMatchObject({ status: 'fail' })
    expect(await largeBatchCheck.run(context('module', () => ({ kind: 'retryable', reason: 'the handler threw TypeError (mParticle retries)', ms: 2 })))).toMatchObject({
      status: 'fail',
    })
  })
})

describe('the forward-compatibility check, on a module', () => {
  it('fails when the known events make fewer partner calls next to unknown ones', async () => {
    const outcome = await forwardCompatibilityCheck.run(
      context('module', (m) => {
        const known = m.events!.filter((e) => e.type === 'custom_event' || e.type === 'screen_view')
        // A module that drops every known event once an unknown one is in the batch, yet answers 200.
        return ok(m, { status: undefined, calls: calls(m.events!.length > known.length ? 0 : known.length) })
      }),
    )
    expect(outcome).toMatchObject({ status: 'fail', why: 'The known events were not all delivered next to unknown ones (0 partner calls instead of 2).' })
  })
})

describe('judging one answer', () => {
  it('reads a rejected subscription or erasure (kind suspend, no response) as a refusal, not as a broken response', () => {
    expect(judgeAnswer('dsr', { kind: 'suspend', reason: 'setting "apiKey" is missing', ms: 1 }, 'dsr_processing_response')).toMatchObject({
      status: 'warn',
      line: expect.stringContaining('refused by the integration'),
    })
    expect(judgeAnswer('dsr', { kind: 'suspend', status: 400, reason: 'bad key', ms: 1 }, 'dsr_processing_response')).toMatchObject({ status: 'warn' })
    expect(isAccepted({ kind: 'suspend', status: 200, ms: 1, response: {} })).toBe(true)
    expect(isAccepted({ kind: 'suspend', ms: 1, response: {} })).toBe(true)
  })
})

describe('the verification check', () => {
  it('warns when a verification request reaches partner calls', async () => {
    const outcome = await verificationCheck.run(context('module', (m) => ok(m, { status: undefined, calls: calls(1) })))
    expect(outcome).toMatchObject({ status: 'warn', details: expect.arrayContaining([expect.stringContaining('1 partner call(s) for a request that carries no data')]) })
  })

  it('fails when a verification request is refused, whatever the settings', async () => {
    const outcome = await verificationCheck.run(context('http', () => ({ kind: 'suspend', status: 400, ms: 1, reason: 'missing apiKey' })))
    expect(outcome.status).toBe('fail')
  })
})

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DEFAULTS, partnerBudgetFor } from '../../src/core/defaults.js'
import { budgetTransportOf, markWorkerContext } from '../../src/core/transport-budget.js'
import { createHttpClient, firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/logger.js'
import { customEvent, eventBatch, invoke } from '../../src/testing/index.js'

/** A partner that never answers: each call ends when the client aborts it. */
const hanging = () => {
  const aborts: number[] = []
  const fetch = ((_url: unknown, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        aborts.push(Date.now())
        reject(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'))
      })
    })) as typeof globalThis.fetch
  return { fetch, aborts }
}

const integration = (fetch: typeof globalThis.fetch, budgetMs?: number) =>
  firehose(
    {
      registration: { name: 'T', version: '1', events: { types: ['custom_event'] } },
      on: { custom_event: async (_event, ctx) => E.map(() => undefined)(await ctx.http.send({ url: 'https://api.example/track', json: {} })) },
    },
    { auth: false, logger: memoryLogger(), http: createHttpClient({ fetch, ...(budgetMs !== undefined ? { budgetMs } : {}) }) },
  )

describe("the partner client's default budget", () => {
  it("is mParticle's budget for the transport minus a margin, and the worker's own timeout in queue mode", () => {
    expect(partnerBudgetFor('direct')).toBe(DEFAULTS.lambdaBudgetMs - DEFAULTS.partnerBudgetMarginMs)
    expect(partnerBudgetFor('http')).toBe(DEFAULTS.httpBudgetMs - DEFAULTS.partnerBudgetMarginMs)
    expect(partnerBudgetFor('http')).toBeLessThan(100)
    expect(partnerBudgetFor('direct')).toBeLessThan(200)
    expect(partnerBudgetFor('queue')).toBe(Number.POSITIVE_INFINITY)
    expect(budgetTransportOf({ transport: 'direct' }, {})).toBe('direct')
    expect(budgetTransportOf({ transport: 'http' }, {})).toBe('http')
    expect(budgetTransportOf({ transport: 'direct' }, markWorkerContext({}))).toBe('queue')
  })

  // Bounds are generous (seconds against a 10 s default) so that a slow machine cannot fail them.
  it('cuts a partner that never answers short on Lambda and over HTTP, retries included', async () => {
    for (const via of ['direct', 'function-url'] as const) {
      const partner = hanging()
      const started = Date.now()
      const handler = integration(partner.fetch)
      const message = eventBatch({ events: [customEvent()] })
      const failed = via === 'direct' ? !(await invoke(handler, message, { timeoutMs: 30_000 })).ok : (await invoke(handler, message, { via, timeoutMs: 30_000 })).status === 429
      const elapsed = Date.now() - started
      expect(failed, via).toBe(true)
      expect(partner.aborts.length, via).toBeGreaterThanOrEqual(1)
      expect(elapsed, via).toBeLessThan(5_000)
    }
  })

  it("gives way to the client's own budgetMs", async () => {
    const partner = hanging()
    const started = Date.now()
    await invoke(integration(partner.fetch, 400), eventBatch({ events: [customEvent()] }), { timeoutMs: 30_000 })
    // At least the client's own 400 ms, not the transport's 175 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(390)
  })
})

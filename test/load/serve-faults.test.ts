import { afterAll, describe, expect, it } from 'vitest'
import { Agent } from 'node:http'
import { overHttp } from './http.js'
import { createHttpClient, firehose, memoryStore } from '../../src/index.js'
import { memoryLogger } from '../../src/logger.js'
import { serve, type FirehoseServer } from '../../src/transports/serve.js'
import { HEADER, TOKEN, account, drive, failedInLogs, loadDefinition, loadMessages, partnerStandIn, type PartnerStandIn } from './harness.js'

const MESSAGES = Number(process.env.LOAD_MESSAGES ?? 10_000)
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('load with faults through serve()', () => {
  it(`${MESSAGES} messages, a partner failing at random, redeliveries and duplicates: every event delivered exactly once or failed for good with a log line`, async () => {
    const partner: PartnerStandIn = await partnerStandIn(41)
    closers.push(partner.close)
    const logger = memoryLogger({ level: 'warn' })
    const http = createHttpClient({ idempotencyHeader: HEADER, timeoutMs: 1_000, retries: 2, backoff: { baseMs: 1, maxMs: 5 } })
    const handler = firehose(loadDefinition(partner.url), { logger, http, checkpoints: memoryStore({ maxEntries: 1_000_000 }), auth: { tokens: [TOKEN] } })
    const server: FirehoseServer = await serve(handler, { port: 0, shutdownOnSignals: false, logger, handlerTimeoutMs: 30_000 })
    closers.push(() => server.close())
    const dispatcher = new Agent({ keepAlive: true, maxSockets: 64 })
    closers.push(async () => dispatcher.destroy())

    const messages = loadMessages(MESSAGES, 2, 7)
    const started = Date.now()
    const stats = await drive(messages, overHttp(server.url, dispatcher), { concurrency: 64, seed: 11 })
    const result = account(messages, partner, failedInLogs(logger.records()))
    const figures = { ...result, lost: result.lost.length, doubled: result.doubled.length, ...stats, faults: partner.faults, seconds: Math.round((Date.now() - started) / 1000) }
    const reasons = new Map<string, number>()
    for (const line of logger.records())
      if (line.message === 'message will be retried')
        reasons.set(
          String(line.reason)
            .replace(/[0-9a-f-]{36}/g, '<id>')
            .replace(/\d+/g, 'N'),
          (reasons.get(
            String(line.reason)
              .replace(/[0-9a-f-]{36}/g, '<id>')
              .replace(/\d+/g, 'N'),
          ) ?? 0) + 1,
        )
    console.log(`[load] serve + memoryStore: ${JSON.stringify(figures)} retried because: ${JSON.stringify([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5))}`)
    expect(result.lost).toEqual([])
    expect(result.doubled).toEqual([])
    expect(result.delivered + result.failedForGood).toBe(result.events)
    // Every event the partner refused for good, and never accepted, is in the log.
    for (const id of partner.refused) if (!partner.applied.has(id)) expect(failedInLogs(logger.records()).has(id)).toBe(true)
  }, 600_000)

  it('the control: without idempotency keys the same faults do send events twice (the accounting can see doubles)', async () => {
    const partner = await partnerStandIn(43)
    closers.push(partner.close)
    const logger = memoryLogger({ level: 'warn' })
    const http = createHttpClient({ timeoutMs: 1_000, retries: 2, backoff: { baseMs: 1, maxMs: 5 } })
    const handler = firehose(loadDefinition(partner.url), { logger, http, checkpoints: memoryStore(), auth: { tokens: [TOKEN] } })
    const server = await serve(handler, { port: 0, shutdownOnSignals: false, logger, handlerTimeoutMs: 30_000 })
    closers.push(() => server.close())
    const agent = new Agent({ keepAlive: true, maxSockets: 64 })
    closers.push(async () => agent.destroy())
    const messages = loadMessages(1_000, 2, 9)
    await drive(messages, overHttp(server.url, agent), { concurrency: 64, seed: 19 })
    const result = account(messages, partner, failedInLogs(logger.records()))
    console.log(`[load] control without keys: ${JSON.stringify({ ...result, lost: result.lost.length, doubled: result.doubled.length, faults: partner.faults })}`)
    expect(result.lost).toEqual([])
    expect(result.doubled.length).toBeGreaterThan(0)
  }, 600_000)
})

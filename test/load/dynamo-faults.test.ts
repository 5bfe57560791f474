import { afterAll, describe, expect, it } from 'vitest'
import { Agent } from 'node:http'
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { createHttpClient, firehose } from '../../src/index.js'
import { createCheckpointTable, dynamoStore } from '../../src/delivery/dynamodb.js'
import { memoryLogger } from '../../src/logger.js'
import { serve } from '../../src/transports/serve.js'
import { startDynalite } from '../delivery/support/dynalite-server.js'
import { HEADER, TOKEN, account, drive, failedInLogs, loadDefinition, loadMessages, partnerStandIn, type Delivery } from './harness.js'
import { overHttp } from './http.js'

const MESSAGES = Number(process.env.LOAD_DYNAMO_MESSAGES ?? 1_000)
const TABLE = 'load-checkpoints'
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('load with faults against dynamoStore on dynalite', () => {
  it(`${MESSAGES} messages through serve(), the store black-holed and then reset (every mark lost) mid-run: every event delivered exactly once or failed for good with a log line`, async () => {
    const dynamo = await startDynalite()
    closers.push(dynamo.stop)
    await createCheckpointTable(dynamo.client, TABLE)
    // The store's client: passes through, never answers (black hole) or fails, as the run decides.
    let mode: 'up' | 'hole' | 'down' = 'up'
    const storeFaults = { blackHoled: 0, failed: 0, resets: 0 }
    const client = {
      send: (command: unknown, options?: unknown) => {
        if (mode === 'hole') return (storeFaults.blackHoled++, new Promise(() => undefined))
        if (mode === 'down') return (storeFaults.failed++, Promise.reject(Object.assign(new Error('store down'), { name: 'ServiceUnavailable' })))
        return dynamo.client.send(command as never, options as never)
      },
    } as unknown as DynamoDBClient

    const partner = await partnerStandIn(53)
    closers.push(partner.close)
    const logger = memoryLogger({ level: 'warn' })
    const http = createHttpClient({ idempotencyHeader: HEADER, timeoutMs: 1_000, retries: 2, backoff: { baseMs: 1, maxMs: 5 } })
    const handler = firehose(loadDefinition(partner.url), { logger, http, checkpoints: dynamoStore({ client, table: TABLE }), auth: { tokens: [TOKEN] } })
    // A 2 s "Lambda" per request: a black-holed store costs a message at most that.
    const server = await serve(handler, { port: 0, shutdownOnSignals: false, logger, handlerTimeoutMs: 2_000 })
    closers.push(() => server.close())
    const agent = new Agent({ keepAlive: true, maxSockets: 32 })
    closers.push(async () => agent.destroy())

    const messages = loadMessages(MESSAGES, 2, 31)
    const send = overHttp(server.url, agent)
    let acked = 0
    let phase = 0
    const deliver = async (message: unknown): Promise<Delivery> => {
      const outcome = await send(message)
      if (outcome === 'ack') acked++
      if (phase === 0 && acked > MESSAGES * 0.3) {
        phase = 1
        mode = 'hole'
        setTimeout(() => (mode = 'up'), 1_500)
      } else if (phase === 1 && acked > MESSAGES * 0.6) {
        // Reset: the table is dropped and made again; every claim and delivered mark is gone.
        phase = 2
        storeFaults.resets++
        mode = 'down'
        await dynamo.client.send(new DeleteTableCommand({ TableName: TABLE }))
        await createCheckpointTable(dynamo.client, TABLE)
        mode = 'up'
      }
      return outcome
    }
    const started = Date.now()
    const stats = await drive(messages, deliver, { concurrency: 32, seed: 37 })
    const result = account(messages, partner, failedInLogs(logger.records()))
    const figures = {
      ...result,
      lost: result.lost.length,
      doubled: result.doubled.length,
      ...stats,
      store: storeFaults,
      faults: partner.faults,
      seconds: Math.round((Date.now() - started) / 1000),
    }
    console.log(`[load] serve + dynamoStore: ${JSON.stringify(figures)}`)
    expect(storeFaults.blackHoled).toBeGreaterThan(0)
    expect(storeFaults.resets).toBe(1)
    expect(result.lost).toEqual([])
    expect(result.doubled).toEqual([])
    expect(result.delivered + result.failedForGood).toBe(result.events)
  }, 600_000)
})

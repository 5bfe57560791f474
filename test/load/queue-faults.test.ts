import { afterAll, describe, expect, it } from 'vitest'
import { createHttpClient, memoryStore, type CheckpointStore } from '../../src/index.js'
import { memoryLogger } from '../../src/logger.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { queueIngress, queueWorker } from '../../src/queue/index.js'
import { startFakeSqs, type Stored } from '../transports/queue/fake-sqs.js'
import { sqsEventFrom } from '../transports/queue/support.js'
import { rng } from '../fuzz/support.js'
import { HEADER, account, drive, failedInLogs, loadDefinition, loadMessages, partnerStandIn, type Delivery } from './harness.js'

const MESSAGES = Number(process.env.LOAD_QUEUE_MESSAGES ?? 1_000)
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('load with faults in queue mode', () => {
  it(`${MESSAGES} messages through queueIngress, an SQS stand-in failing sends and batch entries, workers killed mid-batch: every event delivered exactly once or failed for good with a log line`, async () => {
    const r = rng(23)
    const partner = await partnerStandIn(29)
    closers.push(partner.close)
    const sqsFaults = { errors: 0, failedEntries: 0, killedBatches: 0, workerRuns: 0, redeliveredRecords: 0 }
    const sqs = await startFakeSqs((call) => {
      const roll = r.next()
      if (roll < 0.05) return (sqsFaults.errors++, { kind: 'error' })
      if (call.target === 'SendMessageBatch' && roll < 0.1) {
        const ids = (call.input.Entries as Array<{ Id: string }>).filter(() => r.chance(0.3)).map((entry) => entry.Id)
        sqsFaults.failedEntries += ids.length
        return { kind: 'fail', ids }
      }
      return { kind: 'accept' }
    })
    closers.push(sqs.close)
    const logger = memoryLogger({ level: 'warn' })
    const ingress = queueIngress(loadDefinition(partner.url), { queueUrl: sqs.queueUrl, sqs: sqs.client(), logger, auth: false, maxMessageBytes: 1_500 })
    const http = createHttpClient({ idempotencyHeader: HEADER, timeoutMs: 150, retries: 2, backoff: { baseMs: 1, maxMs: 5 } })
    // One checkpoint table for every worker; a killed worker's marks and releases never reach it, so its
    // claims stay held until their lease ends. The store's clock jumps past the lease after each kill.
    let skew = 0
    const shared = memoryStore({ maxEntries: 1_000_000, now: () => Date.now() + skew })
    const workerFor = () => {
      const state = { dead: false }
      const store: CheckpointStore = {
        claim: (key, lease) => shared.claim(key, lease),
        delivered: (keys) => shared.delivered!(keys),
        markDelivered: (key) => (state.dead ? new Promise<void>(() => undefined) : shared.markDelivered(key)),
        release: (key) => (state.dead ? new Promise<void>(() => undefined) : shared.release(key)),
      }
      return { state, run: queueWorker(loadDefinition(partner.url), { logger, http, checkpoints: store, concurrency: 4 }) }
    }

    // mParticle -> ingress: acknowledged once SQS accepted every chunk; otherwise delivered again.
    const messages = loadMessages(MESSAGES, 4, 13)
    const deliver = async (message: unknown): Promise<Delivery> => {
      try {
        await ingress(structuredClone(message), fakeLambdaContext({ timeoutMs: 10_000 }))
        return 'ack'
      } catch {
        return 'retry'
      }
    }

    // SQS -> worker: batches of 10; a batch whose worker is killed leaves every record visible again.
    let taken = 0
    const visible: Array<Stored & { receives: number }> = []
    let done = false
    const consume = async (): Promise<void> => {
      const worker = workerFor()
      while (!done || taken < sqs.stored.length || visible.length > 0) {
        while (taken < sqs.stored.length) visible.push({ ...sqs.stored[taken++]!, receives: 0 })
        const batch = visible.splice(0, 10)
        if (batch.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 5))
          continue
        }
        for (const record of batch) if (++record.receives > 40) throw new Error('a record was received 40 times')
        sqsFaults.workerRuns++
        const killed = r.chance(0.05)
        // A killed container records nothing after it died: no mark, no release, no answer.
        worker.state.dead = killed
        const answer = await worker.run(sqsEventFrom(batch), fakeLambdaContext({ timeoutMs: killed ? 600 : 10_000 }))
        worker.state.dead = false
        if (killed) {
          // SQS makes the whole batch visible again once its visibility timeout passes; by then the dead container's leases ran out.
          sqsFaults.killedBatches++
          sqsFaults.redeliveredRecords += batch.length
          skew += 11 * 60_000
          visible.push(...batch)
          continue
        }
        const failed = new Set(answer.batchItemFailures.map((failure) => failure.itemIdentifier))
        for (const record of batch)
          if (failed.has(record.messageId)) {
            sqsFaults.redeliveredRecords++
            visible.push(record)
          }
      }
    }
    const started = Date.now()
    const consumers = Promise.all([consume(), consume(), consume(), consume()])
    const stats = await drive(messages, deliver, { concurrency: 16, seed: 17 })
    done = true
    await consumers
    const result = account(messages, partner, failedInLogs(logger.records()))
    const figures = {
      ...result,
      lost: result.lost.length,
      doubled: result.doubled.length,
      ...stats,
      sqs: sqsFaults,
      queued: sqs.stored.length,
      faults: partner.faults,
      seconds: Math.round((Date.now() - started) / 1000),
    }
    console.log(`[load] queue mode: ${JSON.stringify(figures)}`)
    expect(result.lost).toEqual([])
    expect(result.doubled).toEqual([])
    expect(result.delivered + result.failedForGood).toBe(result.events)
  }, 600_000)
})

import { afterEach, describe, expect, it } from 'vitest'
import { memoryStore } from '../../../src/index.js'
import { audienceMembership, customEvent, eventBatch, invoke, screenView, userProfile } from '../../../src/testing/index.js'
import { fakeLambdaContext } from '../../../src/transports/lambda-context.js'
import { queueIngress, queueWorker } from '../../../src/queue/index.js'
import { startFakeSqs, type FakeSqs } from './fake-sqs.js'
import { goodSettings, recordingIntegration, sqsEventFrom } from './support.js'

let fake: FakeSqs | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** Ingress and worker built from one definition, talking through the fake queue. */
const pipeline = async (ingressOptions: { maxMessageBytes?: number } = {}) => {
  fake = await startFakeSqs()
  const integration = recordingIntegration()
  const ingress = queueIngress(integration.definition, {
    queueUrl: fake.queueUrl,
    sqs: fake.client(),
    auth: { tokens: ['token-a'] },
    logger: integration.logger,
    ...ingressOptions,
  })
  const worker = queueWorker(integration.definition, { logger: integration.logger, checkpoints: memoryStore() })
  return { fake, ingress, worker, ...integration }
}

describe('queue mode end to end: ingress → SQS → worker', () => {
  it('calls the handlers once per event of a 2,000-event batch delivered over HTTP and split into chunks', async () => {
    const { fake, ingress, worker, calls } = await pipeline()
    const events = Array.from({ length: 2000 }, (_, i) =>
      i % 2 ? customEvent({ attributes: { payload: 'x'.repeat(450) } }) : screenView({ attributes: { payload: 'y'.repeat(450) } }),
    )
    const batch = eventBatch({ settings: goodSettings, events })
    expect(await invoke(ingress, batch, { via: 'http-api', token: 'token-a' })).toMatchObject({ status: 200 })
    expect(calls.events).toEqual([])
    expect(fake.stored.length).toBeGreaterThan(1)

    const answer = await worker(sqsEventFrom(fake.stored), fakeLambdaContext({ timeoutMs: 30_000 }))
    expect(answer).toEqual({ batchItemFailures: [] })
    expect(calls.events).toHaveLength(events.length)
    expect(new Set(calls.events)).toEqual(new Set(events.map((e) => e.id)))
  })

  it('reports only the chunk holding a retryable event, and its redelivery runs only what is left', async () => {
    const { fake, ingress, worker, calls } = await pipeline({ maxMessageBytes: 8_000 })
    const events = Array.from({ length: 100 }, (_, i) => customEvent({ attributes: { payload: 'z'.repeat(300), ...(i === 57 ? { outcome: 'retryable' } : {}) } }))
    expect((await invoke(ingress, eventBatch({ settings: goodSettings, events }))).ok).toBe(true)
    const event = sqsEventFrom(fake.stored)
    const first = await worker(event, fakeLambdaContext())
    expect(first.batchItemFailures).toHaveLength(1)
    const failedRecord = event.Records.find((r) => r.messageId === first.batchItemFailures[0]!.itemIdentifier)!
    const chunkIds: string[] = JSON.parse(failedRecord.body).events.map((e: { id: string }) => e.id)
    expect(chunkIds).toContain(events[57]!.id)
    // Within a message, `on` handlers stop at the first retryable event: the rest of its chunk waits.
    const waiting = chunkIds.slice(chunkIds.indexOf(events[57]!.id) + 1)
    expect(calls.events.sort()).toEqual(
      events
        .map((e) => e.id)
        .filter((id) => !waiting.includes(id))
        .sort(),
    )

    // SQS redelivers the failed record alone; delivered events are skipped by their checkpoints.
    calls.events.length = 0
    const again = await worker({ Records: [failedRecord] }, fakeLambdaContext())
    expect(again.batchItemFailures).toHaveLength(1)
    expect(calls.events).toEqual([events[57]!.id])
  })

  it('calls onAudience once per profile chunk, with every profile exactly once', async () => {
    const { fake, ingress, worker, calls } = await pipeline({ maxMessageBytes: 5_000 })
    const profiles = Array.from({ length: 150 }, (_, i) => userProfile({ email: `u${i}@example.com`, mpid: String(i) }))
    expect((await invoke(ingress, audienceMembership({ settings: goodSettings, profiles }))).ok).toBe(true)
    expect(await worker(sqsEventFrom(fake.stored), fakeLambdaContext())).toEqual({ batchItemFailures: [] })
    expect(calls.audiences.length).toBe(fake.stored.length)
    expect(calls.audiences.reduce((a, b) => a + b, 0)).toBe(150)
  })
})

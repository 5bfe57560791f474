import type { SQSEvent } from 'aws-lambda'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../../src/index.js'
import { memoryLogger } from '../../../src/testing/index.js'
import { audienceMembership, customEvent, eventBatch, userProfile } from '../../../src/testing/index.js'
import { fakeLambdaContext } from '../../../src/transports/lambda-context.js'
import { queueWorker } from '../../../src/queue/index.js'
import { describeShared, sharedJson } from '../../support/shared.js'
import { goodSettings, recordingIntegration, sqsRecord } from './support.js'

const context = () => fakeLambdaContext({ timeoutMs: 10_000 })
const idsOf = (batch: { events: ReadonlyArray<unknown> }): string[] => (batch.events as ReadonlyArray<{ id: string }>).map((event) => event.id)

describe('queueWorker', () => {
  it('runs every record of a multi-record event and reports exactly the retryable ones', async () => {
    const { definition, calls, logger } = recordingIntegration()
    const worker = queueWorker(definition, { logger })
    const ok = eventBatch({ settings: goodSettings, events: [customEvent(), customEvent()] })
    // Events run in timestamp order and a retryable one ends its message: `busy` must come last
    // whatever the clock read when each was built, or the event before it is never run.
    const busy = customEvent({ timestamp_ms: 2_000, attributes: { outcome: 'retryable' } })
    const retry = eventBatch({ settings: goodSettings, events: [customEvent({ timestamp_ms: 1_000 }), busy] })
    const refused = eventBatch({ settings: goodSettings, events: [customEvent({ attributes: { outcome: 'permanent' } })] })
    const membership = audienceMembership({ settings: goodSettings, profiles: [userProfile({ email: 'a@example.com' }), userProfile({ email: 'b@example.com' })] })
    const records = [
      sqsRecord(JSON.stringify(ok), { messageId: 'ok' }),
      sqsRecord(JSON.stringify(retry), { messageId: 'retry' }),
      sqsRecord('{"type": "event_processing_request", ', { messageId: 'not-json' }),
      sqsRecord(JSON.stringify({ type: 'event_processing_request', id: 7 }), { messageId: 'undecodable' }),
      sqsRecord(JSON.stringify(eventBatch({ settings: {}, events: [customEvent()] })), { messageId: 'misconfigured' }),
      sqsRecord(JSON.stringify(refused), { messageId: 'refused' }),
      sqsRecord(JSON.stringify(membership), { messageId: 'membership' }),
    ]
    const answer = await worker({ Records: records }, context())
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'retry' }] })
    expect(calls.events).toEqual([...idsOf(ok), ...idsOf(retry), ...idsOf(refused)])
    expect(calls.audiences).toEqual([2])

    const lines = logger.records()
    const about = (id: string) => lines.filter((line) => line.sqsMessageId === id).map((line) => line.message)
    expect(about('not-json')).toEqual(['queued record failed for good'])
    expect(about('undecodable')).toEqual(['queued record failed for good'])
    expect(about('misconfigured')).toEqual(['queued record answered suspend_subscription'])
    expect(about('retry')).toEqual(['queued record will be retried'])
    expect(about('ok')).toEqual([])
    expect(logger.lines.join('\n')).not.toContain(goodSettings.apiKey)
  })

  it('answers an empty or missing Records list with no failures', async () => {
    const worker = queueWorker(recordingIntegration().definition, { logger: memoryLogger() })
    expect(await worker({ Records: [] }, context())).toEqual({ batchItemFailures: [] })
    expect(await worker({} as SQSEvent, context())).toEqual({ batchItemFailures: [] })
  })

  it('keeps records apart when they run concurrently (each gets its own context)', async () => {
    const { definition, calls, logger } = recordingIntegration()
    const worker = queueWorker(definition, { logger, concurrency: 4 })
    const batches = Array.from({ length: 12 }, (_, i) =>
      eventBatch({
        settings: goodSettings,
        events: [customEvent({ timestamp_ms: 1_000 }), customEvent({ timestamp_ms: 2_000, attributes: { outcome: i % 3 === 0 ? 'retryable' : 'fine' } })],
      }),
    )
    const records = batches.map((batch, i) => sqsRecord(JSON.stringify(batch), { messageId: `m${i}` }))
    const answer = await worker({ Records: records }, context())
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m0', 'm3', 'm6', 'm9'])
    expect(calls.events.sort()).toEqual(batches.flatMap(idsOf).sort())
    // Every response line names its own message: no record's state leaked into another.
    for (const line of logger.records().filter((l) => l.message === 'queued record will be retried')) {
      expect(['m0', 'm3', 'm6', 'm9']).toContain(line.sqsMessageId)
    }
  })

  it('runs each record within the invocation deadline (the context keeps getRemainingTimeInMillis)', async () => {
    const logger = memoryLogger()
    const { definition } = recordingIntegration()
    const hanging = {
      ...definition,
      on: {
        // Never settles: only the deadline, taken from the Lambda context, ends the record.
        custom_event: () => new Promise<E.Either<never, undefined>>(() => {}),
      },
    } as typeof definition
    const worker = queueWorker(hanging, { logger, deadline: { marginMs: 100 } })
    const started = Date.now()
    const answer = await worker({ Records: [sqsRecord(JSON.stringify(eventBatch({ settings: goodSettings })), { messageId: 'slow' })] }, fakeLambdaContext({ timeoutMs: 300 }))
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'slow' }] })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('treats a thrown non-Firehose error as retryable (default onThrow)', async () => {
    const { definition } = recordingIntegration()
    const throwing = {
      ...definition,
      on: {
        custom_event: () => {
          throw new Error('socket hang up')
        },
      },
    } as unknown as typeof definition
    const worker = queueWorker(throwing, { logger: memoryLogger() })
    const answer = await worker({ Records: [sqsRecord(JSON.stringify(eventBatch({ settings: goodSettings })), { messageId: 'x' })] }, context())
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'x' }] })
  })
})

describeShared('queueWorker on the real queueTrigger.json (Iterable)', () => {
  const trigger = () => sharedJson('fixtures/iterable/queueTrigger.json') as SQSEvent

  it('processes the record: every event reaches its handler, nothing is reported', async () => {
    const { definition, calls, logger } = recordingIntegration()
    const event = trigger()
    const worker = queueWorker(definition, { logger })
    expect(await worker(event, context())).toEqual({ batchItemFailures: [] })
    const ids = event.Records.flatMap((record) => JSON.parse(record.body).events.map((e: { id: string }) => e.id))
    expect(ids).toHaveLength(5)
    expect(calls.events).toEqual(ids)
  })

  it('processes every record, not only Records[0]; checkpoints skip a redelivered copy', async () => {
    const [record] = trigger().Records
    const copies = [record!, { ...record!, messageId: 'second' }, { ...record!, messageId: 'third' }]
    const plain = recordingIntegration()
    expect(await queueWorker(plain.definition, { logger: plain.logger })({ Records: copies }, context())).toEqual({ batchItemFailures: [] })
    expect(plain.calls.events).toHaveLength(15)

    const deduped = recordingIntegration()
    const worker = queueWorker(deduped.definition, { logger: deduped.logger, checkpoints: memoryStore() })
    expect(await worker({ Records: copies }, context())).toEqual({ batchItemFailures: [] })
    expect(deduped.calls.events).toHaveLength(5)
  })
})

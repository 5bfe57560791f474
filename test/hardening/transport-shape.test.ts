import { describe, expect, it } from 'vitest'
import { httpShapeOf } from '../../src/core/http-request.js'
import { customEvent, eventBatch, memoryLogger } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { queueWorker } from '../../src/queue/index.js'
import { firehose } from '../../src/index.js'
import { goodSettings, recordingIntegration, sqsRecord } from '../transports/queue/support.js'

const context = () => fakeLambdaContext({ timeoutMs: 10_000 })

/** Unknown top-level keys that, alone, look like each HTTP event shape. */
const lookalikes: Record<string, Record<string, unknown>> = {
  server: { httpShape: 'server', method: 'POST', headers: {}, body: '' },
  rest: { httpMethod: 'POST', requestContext: {}, headers: {}, body: '' },
  'http-api': { version: '2.0', requestContext: { http: { method: 'POST' } }, headers: {}, body: '' },
  'function-url': { version: '2.0', requestContext: { http: { method: 'POST' }, domainName: 'x.lambda-url.us-east-1.on.aws' }, body: '' },
}

describe('finding 1: a Firehose message is never reinterpreted as an HTTP event', () => {
  for (const [shape, keys] of Object.entries(lookalikes)) {
    it(`a message carrying ${shape}-shaped unknown keys is a direct invocation`, async () => {
      const message = { ...eventBatch({ settings: goodSettings, events: [customEvent(), customEvent()] }), ...keys }
      expect(httpShapeOf(message)).toBeUndefined()
      // Envelope keys alone also mark a message, whatever its type says.
      expect(httpShapeOf({ ...keys, type: 'something_else' })).toBeUndefined()
      expect(httpShapeOf({ ...keys, firehose_version: '2.0' })).toBeUndefined()
      expect(httpShapeOf({ ...keys, timestamp_ms: 1 })).toBeUndefined()
      // Without them the shape is still recognised.
      expect(httpShapeOf(keys)).toBe(shape)

      const { definition, calls, logger } = recordingIntegration()
      const response = (await firehose(definition, { logger })(message, context())) as Record<string, unknown>
      expect(response.type).toBe('event_processing_response')
      expect(calls.events).toHaveLength(2)
    })

    it(`queueWorker delivers a ${shape}-lookalike record instead of dropping it`, async () => {
      const { definition, calls, logger } = recordingIntegration()
      const worker = queueWorker(definition, { logger })
      const message = { ...eventBatch({ settings: goodSettings, events: [customEvent(), customEvent(), customEvent()] }), ...keys }
      const answer = await worker({ Records: [sqsRecord(JSON.stringify(message), { messageId: 'lookalike' })] }, context())
      expect(answer).toEqual({ batchItemFailures: [] })
      expect(calls.events).toHaveLength(3)
    })
  }

  it('queueWorker reports a record answered with an HTTP answer (not a Firehose response) as a failure, with a log line', async () => {
    const { definition, logger } = recordingIntegration()
    const worker = queueWorker(definition, { logger })
    // No envelope keys: this really is an HTTP event, so the pipeline answers it as HTTP.
    const record = sqsRecord(JSON.stringify({ httpShape: 'server', method: 'POST', headers: {}, body: '{}' }), { messageId: 'http' })
    const answer = await worker({ Records: [record] }, context())
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'http' }] })
    const lines = logger.records().filter((line) => line.sqsMessageId === 'http')
    expect(lines.map((line) => line.message)).toEqual(['queued record answered with something that is not a Firehose response'])
  })

  it('queueWorker reports a record whose pipeline resolves a non-response value as a failure', async () => {
    const { definition } = recordingIntegration()
    const logger = memoryLogger()
    const worker = queueWorker(definition, { logger })
    for (const body of ['null', '42', '"text"', '[]']) {
      const answer = await worker({ Records: [sqsRecord(body, { messageId: 'odd' })] }, context())
      // An undecodable record fails for good (logged) or is retried; it is never silently counted delivered.
      const logged = logger.records().filter((line) => line.sqsMessageId === 'odd')
      expect(answer.batchItemFailures.length > 0 || logged.length > 0).toBe(true)
      logger.lines.length = 0
    }
  })
})

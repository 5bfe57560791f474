import { afterEach, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import type { FirehoseDefinition } from '../../src/definition/definition.js'
import type { RegistrationDeclaration } from '../../src/definition/registration.js'
import { customEvent, eventBatch, invoke } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { queueIngress, queueWorker } from '../../src/queue/index.js'
import { memoryStore } from '../../src/index.js'
import { stringifyMessage, type Int64 } from '../../src/schema/index.js'
import { TOKEN, stubHandler } from './stub-handler.js'
import { functionUrlEvent, httpApiEvent, restEvent } from './lambda-events.js'
import { sqsEventFrom, sqsRecord } from './queue/support.js'
import { startFakeSqs, type FakeSqs } from './queue/fake-sqs.js'

/** Issue 12, finding 1, on the transports that see the JSON text: the session id reaches the handler exactly. */
const SESSION = '1250698897592480939'
const text = (id = 'a1f0c3d2-0b1e-4c5d-8e9f-0a1b2c3d4e5f'): string =>
  `{"type":"event_processing_request","id":"${id}","timestamp_ms":1714592744066,"firehose_version":"3.2.0","account":{"account_id":1},` +
  `"events":[{"type":"custom_event","id":"0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f","timestamp_ms":1714592744066,"session_id":${SESSION},"name":"n"}]}`

describe('exact int64 on the text transports', () => {
  for (const [label, build] of [
    ['API Gateway REST (v1)', restEvent],
    ['HTTP API (v2)', httpApiEvent],
    ['function URL', functionUrlEvent],
  ] as const) {
    for (const base64 of [false, true]) {
      it(`${label} (base64 ${base64}) hands the handler the session id digit for digit`, async () => {
        const handler = stubHandler()
        await handler(build(text(), { Authorization: `Token ${TOKEN}` }, base64) as never, fakeLambdaContext())
        const [call] = handler.calls as Array<{ events: Array<{ session_id: unknown }> }>
        expect(call?.events[0]?.session_id).toBe(SESSION)
      })
    }
  }

  const define = <const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>): FirehoseDefinition<R> => definition
  const recording = () => {
    const seen: Int64[] = []
    const definition = define({
      registration: { name: 'Exact', version: '1.0', events: { types: ['custom_event'] } },
      on: {
        custom_event: (event) => {
          if (event.session_id !== undefined) seen.push(event.session_id)
          return E.right(undefined)
        },
      },
    })
    return { seen, definition }
  }

  let fake: FakeSqs | undefined
  afterEach(async () => {
    await fake?.close()
    fake = undefined
  })

  it('queue mode end to end (HTTP ingress → SQS → worker) keeps it exact', async () => {
    fake = await startFakeSqs()
    const { seen, definition } = recording()
    const ingress = queueIngress(definition, { queueUrl: fake.queueUrl, sqs: fake.client(), auth: false, logger: memoryLogger() })
    const worker = queueWorker(definition, { logger: memoryLogger(), checkpoints: memoryStore() })
    const batch = eventBatch({ events: [customEvent({ session_id: SESSION as Int64 })] })
    expect(await invoke(ingress, batch, { via: 'http-api' })).toMatchObject({ status: 200 })
    expect(await worker(sqsEventFrom(fake.stored), fakeLambdaContext({ timeoutMs: 30_000 }))).toEqual({ batchItemFailures: [] })
    expect(seen).toEqual([SESSION])
  })

  it('the queue worker reads the SQS body exactly', async () => {
    const { seen, definition } = recording()
    const worker = queueWorker(definition, { logger: memoryLogger(), checkpoints: memoryStore() })
    expect(await worker({ Records: [sqsRecord(text())] }, fakeLambdaContext({ timeoutMs: 30_000 }))).toEqual({ batchItemFailures: [] })
    expect(seen).toEqual([SESSION])
  })

  it('firehose() over HTTP (the testing kit writes the text with stringifyMessage) keeps it exact; a direct invocation keeps the rounded number and logs one problem naming the path', async () => {
    const { seen, definition } = recording()
    const logger = memoryLogger()
    const handler = firehose(definition, { auth: false, logger })
    const batch = eventBatch({ events: [customEvent({ session_id: SESSION as Int64 })] })
    expect(stringifyMessage(batch)).toContain(`"session_id":${SESSION}`)
    expect((await invoke(handler, batch, { via: 'http-api' })).ok).toBe(true)
    expect(seen).toEqual([SESSION])

    expect((await invoke(handler, JSON.parse(text()))).ok).toBe(true)
    expect(seen[1]).toBe(Number(SESSION))
    const warnings = logger.records().filter((r) => JSON.stringify(r).includes('/events/0/session_id'))
    expect(warnings).toHaveLength(1)
    expect(JSON.stringify(warnings)).not.toContain(SESSION.slice(0, 12))
  })
})

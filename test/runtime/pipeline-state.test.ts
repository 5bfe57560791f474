import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { firehoseState, pipeline, type FirehoseMiddleware, type FirehoseRequest } from '../../middlewares/index.js'
import { firehose, setting, serve } from '../../src/index.js'
import { queueIngress, queueWorker } from '../../src/queue/index.js'
import { customEvent, eventBatch, fakeLambdaContext, invoke, memoryLogger } from '../../src/testing/index.js'

const registration = {
  name: 'Typed',
  version: '1.0',
  events: { settings: { apiKey: setting.text({ name: 'API Key', required: true }), sandbox: setting.boolean({ name: 'Sandbox', default: false }) }, types: ['custom_event'] },
} as const

describe("a partner's own middleware", () => {
  it('reads the decoded message, the typed settings and the plan through firehoseState, typed', async () => {
    const seen: Array<{ type?: string; sandbox?: unknown; ordered?: number; transport: string }> = []
    const spy: FirehoseMiddleware = {
      before: (request: FirehoseRequest) => {
        const state = firehoseState(request)
        seen.push({ type: state.decoded?.message.type, sandbox: state.admitted?.settings.sandbox, ordered: state.plan?.ordered.length, transport: state.arrival.transport })
      },
    }
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } }, { auth: false, logger: memoryLogger() }).use(spy)
    const message = eventBatch({ events: [customEvent(), customEvent()], settings: { apiKey: 'k', sandbox: 'true' } })
    expect(await invoke(handler, message)).toMatchObject({ ok: true })
    expect(await invoke(handler, message, { via: 'rest' })).toMatchObject({ status: 200 })
    expect(seen).toEqual([
      { type: 'event_processing_request', sandbox: true, ordered: 2, transport: 'direct' },
      { type: 'event_processing_request', sandbox: true, ordered: 2, transport: 'http' },
    ])
  })

  it('keeps each invocation its own state when invocations share one Lambda context', async () => {
    const ids: string[] = []
    const slow: FirehoseMiddleware = {
      before: async (request: FirehoseRequest) => {
        const before = firehoseState(request).decoded?.message.id
        await new Promise((resolve) => setImmediate(resolve))
        ids.push(`${before}=${firehoseState(request).decoded?.message.id}`)
      },
    }
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } }, { auth: false, logger: memoryLogger() }).use(slow)
    const context = fakeLambdaContext({ timeoutMs: 60_000 })
    const [a, b] = [eventBatch({ settings: { apiKey: 'k' } }), eventBatch({ settings: { apiKey: 'k' } })]
    const answers = (await Promise.all([handler(a, context), handler(b, context)])) as Array<{ id: string }>
    expect(answers.map((answer) => answer.id)).toEqual([a.id, b.id])
    expect(ids.sort()).toEqual([`${a.id}=${a.id}`, `${b.id}=${b.id}`].sort())
    expect(Object.getOwnPropertySymbols(context)).toEqual([])
  })

  it('pipeline(base) gives a hand-made base handler the request and its state', async () => {
    const handler = pipeline((request) => ({ raw: firehoseState(request).raw }))
    expect(await handler({ hello: 'world' }, fakeLambdaContext())).toEqual({ raw: { hello: 'world' } })
  })
})

describe('options', () => {
  const definition = { registration, on: { custom_event: () => E.right(undefined) } }

  it.each([
    [
      'firehose()',
      () => firehose(definition, { budgetMs: 100 } as never),
      /firehose\(\): unknown option "budgetMs"; known options: auth, batch, checkpoints, clock, deadline, http/,
    ],
    [
      'a group',
      () => firehose(definition, { deadline: { budgetMS: 100 } } as never),
      /firehose\(\) deadline: unknown option "budgetMS"; known options: budgetMs, checkpointLeaseMs, marginMs/,
    ],
    ['queueWorker()', () => queueWorker(definition, { forward: () => undefined } as never), /queueWorker\(\): unknown option "forward"/],
    ['queueIngress()', () => queueIngress(definition, { queueUrl: 'q', sqs: {} as never, batchSize: 1 } as never), /queueIngress\(\): unknown option "batchSize"/],
  ])('%s refuses an unknown key, naming it and the known ones', (_name, build, message) => {
    expect(build).toThrow(message)
  })

  it('serve() refuses an unknown key before listening', async () => {
    await expect(serve(() => undefined, { prot: 8080 } as never)).rejects.toThrow(/serve\(\): unknown option "prot"/)
  })

  it('accepts keys set to undefined (spread partial options)', () => {
    expect(() => firehose(definition, { auth: false, deadline: undefined, transport: { maxBodyBytes: undefined } })).not.toThrow()
  })
})

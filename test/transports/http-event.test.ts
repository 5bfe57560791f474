import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import middy from '@middy/core'
import { FirehoseError, retryable } from '../../src/errors.js'
import { firehoseState, type FirehoseState } from '../../src/core/state.js'
import { memoryLogger } from '../../src/logger.js'
import { httpEvent } from '../../middlewares/http-event.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { httpShapeOf } from '../../src/core/http-request.js'
import { TOKEN, message, responseFor, stubHandler } from './stub-handler.js'
import { functionUrlEvent, httpApiEvent, restEvent } from './lambda-events.js'

const shapes = [
  ['API Gateway REST (v1)', restEvent, 'rest'],
  ['HTTP API (v2)', httpApiEvent, 'http-api'],
  ['function URL', functionUrlEvent, 'function-url'],
] as const

const auth = { Authorization: `Token ${TOKEN}` }
interface Answer {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: boolean
}
type AnyHandler = (event: never, context: ReturnType<typeof fakeLambdaContext>) => Promise<unknown>
const invoke = (handler: AnyHandler, event: unknown) => handler(event as never, fakeLambdaContext()) as Promise<Answer>
const bodyOf = (result: { body: string }) => JSON.parse(result.body) as Record<string, unknown>

describe('httpEvent: shapes', () => {
  for (const [label, build, shape] of shapes) {
    describe(label, () => {
      for (const base64 of [false, true]) {
        it(`answers 200 with the response, base64 ${base64}`, async () => {
          const handler = stubHandler()
          const result = await invoke(handler, build(JSON.stringify(message('m-1')), auth, base64))
          expect(result).toEqual({
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(responseFor({ id: 'm-1' })),
            isBase64Encoded: false,
          })
          expect(handler.calls).toEqual([message('m-1')])
        })
      }

      it('is detected as its shape', () => {
        expect(httpShapeOf(build('{}', {}))).toBe(shape)
      })

      it('reads the token whatever the header case', async () => {
        for (const name of ['authorization', 'Authorization', 'AUTHORIZATION', 'aUtHoRiZaTiOn']) {
          const result = await invoke(stubHandler(), build(JSON.stringify(message('m')), { [name]: `Token ${TOKEN}` }))
          expect(result.statusCode).toBe(200)
        }
      })

      it('answers 401 without the token', async () => {
        const result = await invoke(stubHandler(), build(JSON.stringify(message('m')), {}))
        expect(result.statusCode).toBe(401)
        expect(bodyOf(result)).toEqual({ error: 'unauthorized', reason: 'missing or unknown token' })
      })
    })
  }

  it('keeps a direct invocation direct: the message in, the response out, failures rejected', async () => {
    const handler = stubHandler()
    await expect(invoke(handler, message('d-1'))).resolves.toEqual(responseFor({ id: 'd-1' }))
    const failure = await invoke(handler, message('d-2', 'retryable')).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(FirehoseError)
    expect((failure as FirehoseError).kind).toBe('retryable')
    expect((failure as FirehoseError).retryAfterMs).toBe(2500)
    await expect(invoke(handler, message('d-3', 'bug'))).rejects.toThrow(TypeError)
  })

  it('never mistakes a Firehose message for an HTTP event', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom('event_processing_request', 'module_registration_request'), (extra, type) => {
        expect(httpShapeOf({ ...extra, type, id: 'x', timestamp_ms: 1 })).toBeUndefined()
      }),
    )
  })

  it('shares the transport, lower-cased headers and the parsed message through the state', async () => {
    let seen: FirehoseState | undefined
    const handler = middy(async () => ({ ok: true }))
      .use(httpEvent())
      .use({ before: (request) => void (seen = { ...firehoseState(request) }) })
    const event = restEvent(JSON.stringify(message('s')), { 'X-Custom': 'A', Authorization: 'Token t' })
    event.multiValueHeaders['X-Multi'] = ['one', 'two']
    await handler(event, fakeLambdaContext())
    expect(seen?.arrival).toMatchObject({ transport: 'http', shape: 'rest' })
    expect(seen?.raw).toEqual(message('s'))
    expect({ ...(seen?.arrival.transport === 'http' ? seen.arrival.headers : {}) }).toMatchObject({
      'x-custom': 'A',
      authorization: 'Token t',
      'x-multi': 'one, two',
      'content-type': 'application/json',
    })
  })
})

describe('httpEvent: answers per outcome', () => {
  const cases: Array<[string, number, Record<string, unknown>, Record<string, string>?]> = [
    ['retryable', 429, { error: 'retryable', reason: 'the partner answered 503' }, { 'retry-after': '3' }],
    ['retryable-no-delay', 429, { error: 'retryable', reason: 'the partner timed out' }, { 'retry-after': '1' }],
    ['permanent', 400, { error: 'permanent', reason: 'the erasure was refused' }],
    ['suspend', 400, { error: 'suspend', reason: 'the API key is wrong' }],
    [
      'decode',
      400,
      {
        error: 'decode',
        reason: 'the message could not be read',
        problems: [{ path: '/events/0/data', expected: 'object', actual: 'string', message: '/events/0/data: expected object, found string' }],
      },
    ],
    ['bug', 429, { error: 'retryable', reason: 'internal error; retry later' }, { 'retry-after': '1' }],
  ]
  for (const [outcome, status, body, headers] of cases) {
    it(`${outcome} → ${status}`, async () => {
      const handler = stubHandler()
      const result = await invoke(handler, httpApiEvent(JSON.stringify(message('o', outcome as never)), auth))
      expect(result.statusCode).toBe(status)
      expect(bodyOf(result)).toEqual(body)
      expect(result.headers).toEqual({ 'content-type': 'application/json', ...headers })
      expect(result.isBase64Encoded).toBe(false)
    })
  }

  it('never tells mParticle, nor the log, what a bug said', async () => {
    const handler = stubHandler()
    const result = await invoke(handler, httpApiEvent(JSON.stringify(message('o', 'bug')), auth))
    expect(result.body).not.toContain('someone@example.com')
    expect(result.body).not.toContain('secret detail')
    expect(handler.logger.lines.join('\n')).not.toContain('secret detail')
    expect(handler.logger.records()[0]).toMatchObject({ level: 'error', error: 'TypeError' })
  })

  it('uses the configured retry status and default delay', async () => {
    const handler = stubHandler({ retryStatus: 503, defaultRetryAfterSeconds: 7 })
    const result = await invoke(handler, restEvent(JSON.stringify(message('o', 'retryable-no-delay')), auth))
    expect(result.statusCode).toBe(503)
    expect(result.headers['retry-after']).toBe('7')
  })

  it('rounds retryAfterMs up to whole seconds', async () => {
    for (const [ms, seconds] of [
      [1, '1'],
      [1000, '1'],
      [1001, '2'],
      [0, '0'],
    ] as const) {
      const handler = middy(async () => {
        throw retryable('later', { retryAfterMs: ms })
      }).use(httpEvent())
      const result = await invoke(handler, httpApiEvent('{}', {}))
      expect(result.headers['retry-after']).toBe(seconds)
    }
  })

  it('answers malformed JSON 400 with the root path, without echoing the body', async () => {
    const handler = stubHandler()
    const result = await invoke(handler, restEvent('{"type": "event_processing_request", "id": someone@example.com', auth))
    expect(result.statusCode).toBe(400)
    const body = bodyOf(result)
    expect(body).toMatchObject({ error: 'decode', reason: 'the body is not valid JSON' })
    expect(body.problems).toEqual([expect.objectContaining({ path: '', expected: 'a JSON document', actual: 'text' })])
    expect(result.body).not.toContain('someone')
    expect(handler.calls).toEqual([])
  })

  it('answers an empty body 400', async () => {
    const result = await invoke(stubHandler(), { ...httpApiEvent('', auth), body: undefined })
    expect(result.statusCode).toBe(400)
    expect(bodyOf(result).problems).toEqual([expect.objectContaining({ path: '', actual: 'missing' })])
  })

  it('answers a body over the limit 413, counting bytes after base64 decoding', async () => {
    const text = JSON.stringify(message('big', undefined, { events: ['é'.repeat(600)] }))
    const bytes = Buffer.byteLength(text)
    for (const base64 of [false, true]) {
      const over = await invoke(stubHandler({ maxBodyBytes: bytes - 1 }), functionUrlEvent(text, auth, base64))
      expect(over.statusCode).toBe(413)
      expect(bodyOf(over).error).toBe('too_large')
      const exact = await invoke(stubHandler({ maxBodyBytes: bytes }), functionUrlEvent(text, auth, base64))
      expect(exact.statusCode).toBe(200)
    }
  })

  it('answers 200 when an inner onError turned the failure into a Firehose response', async () => {
    const handler = middy(async () => {
      throw retryable('x')
    })
      .use(httpEvent())
      .use({ onError: (request) => void (request.response = { type: 'event_processing_response', suspend_subscription: true }) })
    const result = await invoke(handler, httpApiEvent('{}', {}))
    expect(result.statusCode).toBe(200)
    expect(bodyOf(result)).toEqual({ type: 'event_processing_response', suspend_subscription: true })
  })

  it('logs nothing for expected failures', async () => {
    const logger = memoryLogger()
    await invoke(stubHandler({ logger }), httpApiEvent(JSON.stringify(message('o', 'retryable')), auth))
    expect(logger.lines).toEqual([])
  })
})

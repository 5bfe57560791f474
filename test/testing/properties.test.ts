import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it, vi } from 'vitest'
import { firehose, permanent, type FirehoseOptions } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import {
  assertNoDoubleDelivery,
  assertTotal,
  assertVerificationNeverReachesHandlers,
  eventBatch,
  properties,
  PropertyViolation,
  recordingFetch,
  spyOn,
} from '../../src/testing/index.js'
import { createHttpClient } from '../../src/delivery/index.js'
import { doubleSendingDefinition, goodDefinition, perEventDefinition, registration } from './partner.js'

/** Built handlers in these tests talk to a recordingFetch, never to the network. */
const quiet = (): FirehoseOptions => ({ auth: false, logger: memoryLogger(), http: createHttpClient({ fetch: recordingFetch().fetch, retries: 0 }) })
const fast = { numRuns: 40 }

/** The failure fast-check reports, with the property's own message inside. */
const failureOf = async (run: Promise<void>): Promise<string> => {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e as Error,
  )
  expect(error, 'the property should have failed').toBeInstanceOf(Error)
  const cause = (error as { cause?: unknown }).cause
  return `${error!.message}\n${cause instanceof Error ? cause.message : ''}`
}

describe('properties.totality', () => {
  it('passes on a well-behaved definition', () => assertTotal(goodDefinition as never, fast))

  it('passes on a built handler with its registration', () => assertTotal(firehose(goodDefinition as never, quiet()), registration, fast))

  it('fails on a Lambda handler that throws a plain Error', async () => {
    const handler = async () => {
      throw new TypeError('cannot read properties of undefined')
    }
    expect(await failureOf(assertTotal(handler, registration, fast))).toMatch(/rejected with TypeError, not a FirehoseError/)
  })

  it('fails on a handler that answers something that is not a valid response', async () => {
    const handler = async (message: { id: string }) => ({ type: 'event_processing_response', id: message.id })
    expect(await failureOf(assertTotal(handler, registration, fast))).toMatch(/not a valid Firehose message in strict mode|answered with a event_processing_response/)
  })

  it('fails when partner code throws, naming the partner function (definition form)', async () => {
    const definition = {
      ...goodDefinition,
      onDsr: () => {
        throw new RangeError('boom')
      },
    }
    expect(await failureOf(assertTotal(definition as never, fast))).toMatch(/onDsr threw RangeError/)
  })

  it('fails when partner code throws inside a built handler, and passes with allowUntypedThrows', async () => {
    const definition = {
      ...goodDefinition,
      on: {
        ...goodDefinition.on,
        custom_event: () => {
          throw new Error('x')
        },
      },
    }
    const handler = firehose(definition as never, quiet())
    expect(await failureOf(assertTotal(handler, registration, fast))).toMatch(/not a FirehoseError/)
    await assertTotal(handler, registration, { ...fast, allowUntypedThrows: true })
  })

  it('fails on an event batch rejected with permanent (the outcome tables resolve those)', async () => {
    const handler = async () => {
      throw permanent('no')
    }
    expect(await failureOf(assertTotal(handler, registration, { ...fast, kinds: ['events'] }))).toMatch(/permanent FirehoseError; allowed: retryable/)
  })

  it('fails on a handler that hangs, within its time limit', async () => {
    const handler = () => new Promise<never>(() => undefined)
    const total = properties.totality(handler, registration, { timeoutMs: 50 })
    expect(await failureOf(total.assert({ numRuns: 1, endOnFailure: true }))).toMatch(/did not settle within 1050 ms/)
  })

  it('reports failures as PropertyViolation through check', async () => {
    const { check } = properties.totality(async () => ({}), registration)
    await expect(check(eventBatch())).rejects.toBeInstanceOf(PropertyViolation)
  })
})

describe('properties.verificationNeverReachesHandlers', () => {
  it('passes on a well-behaved definition', () => assertVerificationNeverReachesHandlers(goodDefinition as never, fast))

  it('passes on a built handler watched through its recordingFetch and a spy', async () => {
    const partner = recordingFetch()
    const spy = spyOn(goodDefinition as never)
    const handler = firehose(spy.definition, { ...quiet(), http: createHttpClient({ fetch: partner.fetch, retries: 0 }) })
    await assertVerificationNeverReachesHandlers(handler, registration, { ...fast, fetch: partner, reached: () => spy.calls.length })
  })

  it('fails on a handler that calls partner code for a verification request', async () => {
    const partnerCode = vi.fn()
    const handler = async (message: { type: string; id: string }) => {
      partnerCode(message)
      return { type: message.type.replace('_request', '_response'), id: message.id, timestamp_ms: Date.now(), firehose_version: '3.2.0' }
    }
    expect(await failureOf(assertVerificationNeverReachesHandlers(handler, registration, { ...fast, reached: () => partnerCode.mock.calls.length }))).toMatch(
      /reached partner code/,
    )
  })

  it('fails on a handler that calls the partner API for a verification request', async () => {
    const partner = recordingFetch()
    const handler = async (message: { type: string; id: string }) => {
      await partner.fetch('https://api.acme.test/ping')
      return { type: message.type.replace('_request', '_response'), id: message.id, timestamp_ms: Date.now() }
    }
    expect(await failureOf(assertVerificationNeverReachesHandlers(handler, registration, { ...fast, fetch: partner }))).toMatch(/reached partner code/)
  })

  it('needs a way to see partner code when given a built handler', () => {
    expect(() => properties.verificationNeverReachesHandlers(async () => ({}), registration, {})).toThrow(/options.reached/)
  })
})

describe('properties.noDoubleDelivery', () => {
  it('passes on per-event handlers (on.<type>)', () => assertNoDoubleDelivery(goodDefinition as never, fast))

  it('passes on an onEvents that answers per event', () => assertNoDoubleDelivery(perEventDefinition as never, fast))

  it('passes with a handler factory wired to the given deps', () =>
    assertNoDoubleDelivery(({ checkpoints, http, logger }) => firehose(perEventDefinition as never, { auth: false, checkpoints, http, logger }), registration, fast))

  it('fails on an onEvents that answers one Left after sending some events (a replay double-sends)', async () => {
    expect(await failureOf(assertNoDoubleDelivery(doubleSendingDefinition as never, { numRuns: 100 }))).toMatch(/reached the partner 2 times/)
  })

  it('fails without checkpoints (the factory ignores the store)', async () => {
    const factory = ({ http, logger }: { http: FirehoseOptions['http']; logger: FirehoseOptions['logger'] }) => firehose(goodDefinition as never, { auth: false, http, logger })
    expect(await failureOf(assertNoDoubleDelivery(factory, registration, { numRuns: 100 }))).toMatch(/reached the partner 2 times/)
  })

  it('fails when an event never arrives', async () => {
    const dropsScreens = { ...goodDefinition, on: { ...goodDefinition.on, screen_view: () => E.right(undefined) } }
    expect(await failureOf(assertNoDoubleDelivery(dropsScreens as never, { numRuns: 100 }))).toMatch(/never reached the partner/)
    await assertNoDoubleDelivery(dropsScreens as never, { ...fast, sends: (event) => event.type !== 'screen_view' })
  })
})

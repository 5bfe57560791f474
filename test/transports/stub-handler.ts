import middy from '@middy/core'
import type { MiddlewareObj } from '@middy/core'
import { FirehoseError, decodeError, permanent, retryable, suspend } from '../../src/errors.js'
import { problem } from '../../src/schema/problem.js'
import { firehoseState } from '../../src/core/state.js'
import { httpEvent, type HttpEventOptions } from '../../middlewares/http-event.js'
import { memoryLogger } from '../../src/logger.js'

export const TOKEN = 'test-token-1234'

/** What the stub pipeline sees of a message: the test chooses the outcome with `outcome`. */
export interface StubMessage {
  type: string
  id: string
  outcome?: 'ok' | 'retryable' | 'retryable-no-delay' | 'permanent' | 'suspend' | 'decode' | 'bug' | 'slow'
  delayMs?: number
  events?: unknown[]
}

export const message = (id: string, outcome?: StubMessage['outcome'], extra: Partial<StubMessage> = {}): StubMessage => ({
  type: 'event_processing_request',
  id,
  ...(outcome ? { outcome } : {}),
  ...extra,
})

export const responseFor = (m: { id: string }) => ({ type: 'event_processing_response', id: m.id, firehose_version: '3.2.0' })

/** Stands in for the runtime's auth middleware: HTTP needs the token, direct invocations pass. */
const stubAuth: MiddlewareObj = {
  before: (request) => {
    const { arrival } = firehoseState(request)
    if (arrival.transport === 'http' && arrival.headers.authorization !== `Token ${TOKEN}`) {
      throw new FirehoseError('unauthorized', 'missing or unknown token')
    }
  },
}

/** Hands the handler the parsed message, as the runtime's decode would. */
const rawAsEvent: MiddlewareObj = {
  before: (request) => {
    request.event = firehoseState(request).raw
  },
}

const dispatch = async (m: StubMessage): Promise<unknown> => {
  switch (m.outcome) {
    case 'retryable':
      throw retryable('the partner answered 503', { retryAfterMs: 2500 })
    case 'retryable-no-delay':
      throw retryable('the partner timed out')
    case 'permanent':
      throw permanent('the erasure was refused')
    case 'suspend':
      throw suspend('the API key is wrong')
    case 'decode':
      throw decodeError('the message could not be read', [problem('/events/0/data', 'object', 'someone@example.com')])
    case 'bug':
      throw new TypeError('secret detail: someone@example.com')
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, m.delayMs ?? 200))
      return responseFor(m)
    default:
      return responseFor(m)
  }
}

/** A middy handler built the way `firehose()` builds one, with stubs in place of the runtime. */
export const stubHandler = (options: Omit<HttpEventOptions, 'logger'> & { logger?: ReturnType<typeof memoryLogger> } = {}) => {
  const logger = options.logger ?? memoryLogger()
  const calls: StubMessage[] = []
  const handler = middy(async (event: unknown) => {
    calls.push(event as StubMessage)
    return dispatch(event as StubMessage)
  })
    .use(httpEvent({ ...options, logger }))
    .use(stubAuth)
    .use(rawAsEvent)
  return Object.assign(handler, { calls, logger })
}

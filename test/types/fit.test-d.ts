import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger'
import type { APIGatewayProxyHandlerV2, Context, Handler, LambdaFunctionURLHandler } from 'aws-lambda'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expectTypeOf, it } from 'vitest'
import { createHttpClient, firehose, setting, type FirehoseHandler } from '../../src/index.js'
import type { CustomEvent, Event, InvalidItem, ScreenViewEvent } from '../../src/schema/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'

const registration = { name: 'T', version: '1', events: { settings: { key: setting.text({ name: 'Key' }) }, types: ['custom_event'] } } as const

describe('types that fit', () => {
  it('takes undefined (and an async function returning nothing) as a handler result', () => {
    firehose({ registration, on: { custom_event: () => undefined } })
    firehose({ registration, on: { custom_event: async () => {} } })
    firehose({ registration, on: { custom_event: (_event, ctx) => void ctx.logger.info('seen') } })
  })

  it('narrows invalid items away on event.type', () => {
    const item = {} as Event | InvalidItem
    if (item.type === 'custom_event') expectTypeOf(item).toEqualTypeOf<CustomEvent>()
    if (item.type === 'screen_view') expectTypeOf(item).toEqualTypeOf<ScreenViewEvent>()
    if ('invalid' in item) expectTypeOf(item).toEqualTypeOf<InvalidItem>()
  })

  it('is an aws-lambda handler for every transport it serves', () => {
    const handler = firehose({ registration, on: { custom_event: () => E.right(undefined) } })
    expectTypeOf(handler).toExtend<APIGatewayProxyHandlerV2>()
    expectTypeOf(handler).toExtend<LambdaFunctionURLHandler>()
    expectTypeOf(handler).toExtend<Handler>()
    const asApi: APIGatewayProxyHandlerV2 = handler
    const asUrl: LambdaFunctionURLHandler = handler
    void asApi
    void asUrl
    // Our context fake is an aws-lambda Context, and an aws-lambda Context is what the handler takes.
    expectTypeOf(fakeLambdaContext()).toExtend<Context>()
    expectTypeOf<Context>().toExtend<Parameters<FirehoseHandler>[1]>()
  })

  it('takes a Powertools Logger as logger, for the pipeline and the HTTP client', () => {
    const logger = new PowertoolsLogger({ serviceName: 'firehose' })
    firehose({ registration, on: { custom_event: () => undefined } }, { logger, http: createHttpClient({ logger }) })
    // Powertools' middleware plugs in with .use().
  })
})

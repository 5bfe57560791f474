import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { auth, batch, decode, errors, httpEvent, validate, validateResponses } from '../../middlewares/index.js'
import { fakeLambdaContext, memoryLogger } from '../../src/testing/index.js'
import { eventBatch, httpEventFor } from '../../src/testing/index.js'

const fakeLambdaContextFor = () => fakeLambdaContext({ timeoutMs: 3000 })

/** The standalone examples of docs/middlewares/*.md, run as written there. */
describe('docs/middlewares examples', () => {
  const logger = memoryLogger()
  const registration = { name: 'Acme', version: '1.0', events: { types: ['custom_event' as const] } }

  it('errors + decode: a base handler returning per-item outcomes gets a response envelope', async () => {
    const handler = middy(async () => ({ items: [{ item: 'e1', stage: 'mine', kind: 'delivered' as const }] }))
      .use(errors({ logger }))
      .use(decode({ logger }))
    const message = eventBatch()
    expect(await handler(message, fakeLambdaContextFor())).toMatchObject({ type: 'event_processing_response', id: message.id, firehose_version: '3.2.0' })
    await expect(handler({ type: 'nope' }, fakeLambdaContextFor())).rejects.toMatchObject({ kind: 'decode' })
  })

  it('httpEvent + auth + errors + decode + validate + batch + validateResponses answer an API Gateway event', async () => {
    const handler = middy(async () => ({ items: [] }))
      .use(httpEvent({ logger }))
      .use(validateResponses())
      .use(errors({ logger }))
      .use(auth({ tokens: ['secret-token'] }))
      .use(decode({ logger }))
      .use(validate({ registration, logger }))
      .use(batch({ size: 50 }))
    const message = eventBatch()
    const ok = (await handler(httpEventFor(message, 'http-api', { token: 'secret-token' }), fakeLambdaContextFor())) as unknown as { statusCode: number; body: string }
    expect(ok.statusCode).toBe(200)
    expect(JSON.parse(ok.body)).toMatchObject({ type: 'event_processing_response', id: message.id })
    const refused = (await handler(httpEventFor(message, 'http-api', { token: 'wrong' }), fakeLambdaContextFor())) as unknown as { statusCode: number }
    expect(refused.statusCode).toBe(401)
  })
})

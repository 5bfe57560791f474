import middy from '@middy/core'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { validateResponses } from '../../middlewares/validate-responses.js'
import { firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { audienceMembership, audienceSubscription, dsrRequest, eventBatch, registrationRequest } from '../../src/testing/builders.js'
import { invoke } from '../../src/testing/invoke.js'
import { firehoseState } from '../../src/core/state.js'
import { acmeRegistration, goodSettings } from './acme.js'

describe('validateResponses (development)', () => {
  it('passes every response the SDK writes', async () => {
    const handler = firehose(
      { registration: acmeRegistration, onAudienceSubscription: () => E.right({ listId: 3 }) },
      { auth: false, logger: memoryLogger(), validateResponses: true },
    )
    for (const message of [
      registrationRequest(),
      eventBatch({ settings: goodSettings }),
      audienceMembership({ settings: goodSettings }),
      audienceSubscription({ settings: goodSettings }),
      dsrRequest({ settings: goodSettings }),
    ]) {
      const result = await invoke(handler, message)
      expect(result.ok, JSON.stringify(result)).toBe(true)
    }
  })

  it('turns a response that breaks the schema into a permanent error naming the path', async () => {
    const handler = middy(async () => ({ type: 'event_processing_response', id: 'x', timestamp_ms: 'soon' }))
      .use(validateResponses())
      .use({ before: (request) => void (firehoseState(request).decoded = { message: { type: 'event_processing_request' } as never, problems: [] }) })
    await expect(handler({}, {} as never)).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('/timestamp_ms') })
  })
})

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/logger.js'
import { audienceMembership, audienceSubscription, dsrRequest, invoke } from '../../src/testing/index.js'

describe('a message of a kind the integration does not handle', () => {
  it('is acknowledged as the protocol requires, and logged once per type at warn level', async () => {
    const logger = memoryLogger()
    const handler = firehose(
      { registration: { name: 'Events only', version: '1', events: { types: ['custom_event'] } }, on: { custom_event: () => E.right(undefined) } },
      { auth: false, logger },
    )
    for (const message of [dsrRequest(), dsrRequest(), audienceMembership(), audienceSubscription()]) {
      const result = await invoke(handler, message)
      expect(result.ok, message.type).toBe(true)
    }
    const warnings = logger.records().filter((r) => r.level === 'warn' && r.message === 'message acknowledged without a handler')
    expect(warnings.map((w) => w.type)).toEqual(['dsr_processing_request', 'audience_membership_change_request', 'audience_subscription_request'])
    expect(warnings.map((w) => w.handler)).toEqual(['onDsr', 'onAudience', 'onAudienceSubscription'])
  })
})

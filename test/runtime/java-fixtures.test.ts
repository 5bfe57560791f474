import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import { EVENT_TYPES, decodeMessage } from '../../src/schema/index.js'
import { firehose, setting } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { invoke } from '../../src/testing/invoke.js'
import { describeShared, javaFixture } from '../support/shared.js'

const settings = { apiKey: setting.text({ name: 'API Key', required: true, confidential: true }), flag: setting.boolean({ name: 'Flag' }) }
const seen: string[] = []
const handler = firehose(
  {
    registration: {
      name: 'Everything',
      version: '1',
      events: { settings, types: EVENT_TYPES, notifications: ['gdpr_consent_state', 'ccpa_consent_state'], pushMessagingProviderId: 'p' },
      audiences: { settings: {} },
      dsr: { settings: {}, types: ['erasure'] },
    },
    onNotification: { gdpr_consent_state: () => (seen.push('gdpr'), E.right(undefined)), ccpa_consent_state: () => (seen.push('ccpa'), E.right(undefined)) },
    on: Object.fromEntries(EVENT_TYPES.map((type) => [type, () => (seen.push(type), E.right(undefined))])),
    onAudience: () => (seen.push('audience'), E.right(undefined)),
    onAudienceSubscription: () => (seen.push('subscription'), E.right(undefined)),
    onDsr: () => (seen.push('dsr'), E.right(undefined)),
  },
  { auth: false, logger: memoryLogger() },
)

describeShared("mParticle's Java SDK samples through a handler", () => {
  it.each([
    ['ModuleRegistrationRequest.json', 'module_registration_response'],
    ['EventProcessingRequest_ios.json', 'event_processing_response'],
    ['EventProcessingRequest_android.json', 'event_processing_response'],
    ['AudienceSubscriptionRequest.json', 'audience_subscription_response'],
    ['AudienceMembershipChangeRequest.json', 'audience_membership_change_response'],
    ['DsrProcessingRequest.json', 'dsr_processing_response'],
  ])('%s is answered with a strictly valid %s', async (file, responseType) => {
    seen.length = 0
    const message = javaFixture(file) as { id: string }
    const result = await invoke(handler, message)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.response).toMatchObject({ type: responseType, id: message.id, firehose_version: '3.2.0' })
    expect(decodeMessage(result.response, { mode: 'strict' })._tag).toBe('Right')
    if (file.startsWith('EventProcessing')) expect(seen).toEqual(expect.arrayContaining(['gdpr', 'ccpa', 'custom_event', 'product_action']))
  })
})

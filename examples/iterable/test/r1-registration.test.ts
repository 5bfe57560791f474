import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from 'firehose-kit/schema'
import { fixture, run, UUID } from './support.js'

const text = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ type: 'text', id, name, visible: true, required: false, confidential: false, ...extra })

describe('R1 registration', () => {
  it('R1: answers module_registration_request with the Java registration, no HTTP calls, strictly decodable', async () => {
    const { result, calls } = await run(fixture('r1-registration-request.json'))
    expect(calls).toEqual([])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const response = result.response as any
    expect(response).toMatchObject({ type: 'module_registration_response', id: expect.stringMatching(UUID), name: 'Iterable', version: '1.6.0' })
    expect(response.permissions).toEqual({
      user_identities: [
        { type: 'email', encoding: 'raw', required: false },
        { type: 'customer', encoding: 'raw', required: false },
      ],
      device_identities: [
        { type: 'google_cloud_messaging_token', encoding: 'raw', required: false },
        { type: 'apple_push_notification_token', encoding: 'raw', required: false },
        { type: 'ios_vendor_id', encoding: 'raw', required: false },
        { type: 'android_id', encoding: 'raw', required: false },
        { type: 'google_advertising_id', encoding: 'raw', required: false },
      ],
      allow_access_device_application_stamp: true,
      allow_user_attributes: true,
      allow_device_info: true,
      allow_access_mpid: true,
      allow_eventless_batches: true,
    })
    const events = response.event_processing_registration
    expect(events.supported_runtime_environments).toEqual(['android', 'ios', 'mobileweb', 'unknown'])
    expect(events.push_messaging_provider_id).toBe('itbl')
    expect(events.supported_event_types).toEqual(['custom_event', 'push_subscription', 'push_message_receipt', 'push_message_open', 'user_identity_change', 'product_action'])
    const byId = (list: any[]) => Object.fromEntries(list.map((s) => [s.id, s]))
    const account = byId(events.account_settings)
    expect(Object.keys(account)).toEqual(['apiKey', 'gcmIntegrationName', 'apnsSandboxIntegrationName', 'apnsProdIntegrationName', 'coerceStringsToScalars'])
    expect(account.apiKey).toMatchObject({ type: 'text', required: true, confidential: true })
    for (const id of ['gcmIntegrationName', 'apnsSandboxIntegrationName', 'apnsProdIntegrationName']) expect(account[id]).toMatchObject({ type: 'text', required: false })
    expect(account.coerceStringsToScalars).toMatchObject({ type: 'boolean', default_value: true, checked: true })
    expect(events.event_connection_settings).toEqual([expect.objectContaining({ ...text('userIdField', 'User ID', { required: true }), default_value: 'customerId' })])
    const audiences = response.audience_processing_registration
    expect(audiences.account_settings.map((s: any) => s.id)).toEqual(['apiKey', 'userIdField'])
    expect(audiences.audience_subscription_settings).toEqual([expect.objectContaining({ type: 'integer', id: 'listId', required: true })])

    const decoded = decodeMessage(response, { mode: 'strict' })
    expect(E.isRight(decoded) ? decoded.right.problems : decoded.left.problems).toEqual([])
    expect(E.isRight(decoded)).toBe(true)
  })
})

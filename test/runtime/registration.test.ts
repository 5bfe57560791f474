import { describe, expect, it } from 'vitest'
import { setting } from '../../src/index.js'
import { registrationBody } from '../../src/definition/registration.js'
import { decodeMessage } from '../../src/schema/index.js'
import { registrationRequest } from '../../src/testing/builders.js'
import { invoke } from '../../src/testing/invoke.js'
import { acme, acmeRegistration } from './acme.js'

describe('the registration response', () => {
  it('maps the declaration one-to-one onto spec §2.2 and §3.11–3.16', () => {
    const body = registrationBody({
      ...acmeRegistration,
      permissions: {
        ...acmeRegistration.permissions,
        deviceIdentities: [{ type: 'ios_vendor_id' }],
        partnerIdentities: [{ type: 'acme_id', encoding: 'sha256', required: true }],
        allowLocation: true,
        allowIpAddress: true,
        allowDeviceApplicationStamp: true,
        allowDeviceInfo: true,
        allowConsentState: true,
        allowAudienceUserAttributes: true,
        allowHttpUserAgent: true,
        allowMpid: true,
        allowPlatformFields: true,
        allowEventlessBatches: true,
      },
      events: {
        ...acmeRegistration.events,
        connectionSettings: { ratio: setting.float({ name: 'Ratio', min: 0, max: 1, default: 0.5, description: 'share' }) },
        maxDataAgeHours: 48,
        authentication: { type: 'oauth2', authorizationUrl: 'https://a.example/auth', tokenUrl: 'https://a.example/token', scopes: [{ name: 'write', description: 'Write' }] },
      },
      audiences: { ...acmeRegistration.audiences, bulk: { waitForMessages: 100, waitInMinutes: 5 } },
      dsr: { ...acmeRegistration.dsr, domain: 'acme.example' },
    })
    expect(body).toMatchObject({
      sdk_version: '3.2.0',
      name: 'Acme',
      version: '1.0',
      description: 'Sends events to Acme',
      permissions: {
        user_identities: [{ type: 'email', encoding: 'raw', required: true }],
        device_identities: [{ type: 'ios_vendor_id', encoding: 'raw', required: false }],
        partner_identities: [{ type: 'acme_id', encoding: 'sha256', required: true }],
        allow_access_location: true,
        allow_access_ip_address: true,
        allow_access_device_application_stamp: true,
        allow_device_info: true,
        allow_user_attributes: true,
        allow_consent_state: true,
        allow_audience_user_attributes: true,
        allow_access_http_user_agent: true,
        allow_access_mpid: true,
        allow_platform_fields: true,
        allow_eventless_batches: true,
      },
      event_processing_registration: {
        account_settings: [
          { type: 'text', id: 'apiKey', name: 'API Key', visible: true, required: true, confidential: true },
          { type: 'boolean', id: 'sandbox', name: 'Use sandbox', visible: true, default_value: false, checked: false },
        ],
        event_connection_settings: [
          { type: 'float', id: 'ratio', name: 'Ratio', description: 'share', visible: true, default_value: 0.5, min_value: 0, max_value: 1, required: false },
        ],
        supported_event_types: ['custom_event', 'screen_view'],
        supported_runtime_environments: ['ios', 'android'],
        supported_system_notification_types: ['gdpr_consent_state'],
        max_data_age_hours: 48,
        authentication: { type: 'oauth2', authorization_url: 'https://a.example/auth', token_url: 'https://a.example/token', scopes: [{ name: 'write', description: 'Write' }] },
      },
      audience_processing_registration: {
        bulk_configuration: { bulk_forward_wait_for_messages: 100, bulk_forward_wait_in_minutes: 5 },
        audience_subscription_settings: [{ type: 'integer', id: 'listId', name: 'List', visible: false, required: false }],
      },
      dsr_processing_registration: { supported_dsr_types: ['erasure'], domain: 'acme.example' },
    })
  })

  it('a boolean default writes both default_value and checked', () => {
    const body = registrationBody({ name: 'B', version: '1', events: { settings: { on: setting.boolean({ name: 'On', default: true }) } } })
    expect((body.event_processing_registration as { account_settings: unknown[] }).account_settings).toEqual([
      { type: 'boolean', id: 'on', name: 'On', visible: true, default_value: true, checked: true },
    ])
  })

  it('always writes max_data_age_hours (24 by default) and omits empty parts', () => {
    const body = registrationBody({ name: 'M', version: '1', events: {} })
    expect(body).toEqual({ firehose_version: '3.2.0', sdk_version: '3.2.0', name: 'M', version: '1', event_processing_registration: { max_data_age_hours: 24 } })
  })

  it('what the handler answers decodes with the schema codec in strict mode', async () => {
    const { handler } = acme()
    const result = await invoke(handler, registrationRequest())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const decoded = decodeMessage(result.response, { mode: 'strict' })
    expect(decoded._tag).toBe('Right')
  })
})

import { describe, expect, it } from 'vitest'
import { decodeMessage } from 'firehose-kit/schema'
import { invoke, registrationRequest } from 'firehose-kit/testing'
import { handler } from '../src/handler.js'
import { acme } from './support.js'

describe('registration', () => {
  it('answers with the declared settings and types, in a response the SDK’s own codec reads (strict)', async () => {
    const result = await invoke(acme().handler, registrationRequest())
    const response = result.ok ? result.response : {}
    expect(decodeMessage(response, { mode: 'strict' })._tag).toBe('Right')
    expect(response).toMatchObject({
      type: 'module_registration_response',
      event_processing_registration: {
        supported_event_types: ['custom_event', 'screen_view'],
        account_settings: [
          { id: 'apiKey', type: 'text', required: true, confidential: true },
          { id: 'region', type: 'text', default_value: 'us' },
          { id: 'sandbox', type: 'boolean', default_value: false },
        ],
      },
      audience_processing_registration: { audience_subscription_settings: [{ id: 'listId', type: 'integer', visible: false }] },
    })
  })

  it('the exported `handler` (what Lambda and `npm start` run) answers registration without any token', async () => {
    const result = await invoke(handler, registrationRequest(), { via: 'http-api' })
    expect(result.status).toBe(200)
    expect(result.json.type).toBe('module_registration_response')
  })
})

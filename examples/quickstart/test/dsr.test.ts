import { describe, expect, it } from 'vitest'
import { dsrRequest, invoke } from 'firehose-kit/testing'
import { API_KEY, acme, settings } from './support.js'

describe('erasure requests', () => {
  it('erase the user with one DELETE /v1/users naming the request and the user', async () => {
    const { handler, api } = acme([{ status: 202 }])
    const message = dsrRequest({
      settings,
      subject_request_id: 'req-1',
      subject_identities: { email: { encoding: 'raw', value: 'ann@example.com' }, controller_customer_id: { encoding: 'raw', value: 'c-ann' } },
    })
    const result = await invoke(handler, message)
    expect(result).toEqual({ ok: true, response: { type: 'dsr_processing_response', id: message.id, timestamp_ms: expect.any(Number), firehose_version: '3.2.0' } })
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        url: 'https://api.acme.example/v1/users',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: { requestId: 'req-1', userId: 'c-ann', email: 'ann@example.com' },
      }),
    ])
  })

  it('a user Acme does not know (404) has nothing to erase: done', async () => {
    const { handler } = acme([{ status: 404 }])
    expect((await invoke(handler, dsrRequest({ settings }))).ok).toBe(true)
  })

  it('a request naming no email or customer id is a permanent failure, without a call', async () => {
    const { handler, api } = acme()
    const result = await invoke(handler, dsrRequest({ settings, subject_identities: { ios_vendor_id: { encoding: 'raw', value: 'IDFV' } } }))
    expect(!result.ok && result.error.kind).toBe('permanent')
    expect(api.requests).toEqual([])
  })

  it('500 on every attempt is retryable', async () => {
    const { handler, api } = acme(() => ({ status: 500 }))
    const result = await invoke(handler, dsrRequest({ settings }))
    expect(!result.ok && result.error.kind).toBe('retryable')
    expect(api.requests).toHaveLength(3)
  })
})

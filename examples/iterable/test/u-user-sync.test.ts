import { describe, expect, it } from 'vitest'
import { call, expectAck, fixture, run } from './support.js'

const U1_FIELDS = { phoneNumber: '+15558765309', loves_pizza: true, age: 42, ratio: 1.5, ver: '1.0', note: '' }
const U2_FIELDS = { phoneNumber: '+15558765309', loves_pizza: 'True', age: '42', ratio: '1.5', ver: '1.0', note: '' }

const userUpdate = (email: string, userId: string | undefined, dataFields: unknown) => call('/api/users/update', { email, ...(userId !== undefined ? { userId } : {}), dataFields })

describe('U batch-level user sync', () => {
  it('U1: one users/update with $Mobile renamed and strings coerced; the attribute-change event sends nothing', async () => {
    const { result, calls } = await run(fixture('u1-user-attributes.json'))
    expectAck(result, 'event_processing_response', 'batch-u1')
    expect(calls).toEqual([userUpdate('user@example.com', 'c-1', U1_FIELDS)])
    expect(Object.keys((calls[0].body as any).dataFields)).not.toContain('$Mobile')
  })

  it('U2: coercion "false" keeps strings (phone still renamed)', async () => {
    const { result, calls } = await run(fixture('u2-coercion-off.json'))
    expectAck(result, 'event_processing_response', 'batch-u2')
    expect(calls).toEqual([userUpdate('user@example.com', 'c-1', U2_FIELDS)])
  })

  it('U2: coercion setting absent keeps strings too (parity with Java, although the registration default is on)', async () => {
    const { calls } = await run(fixture('u2-coercion-absent.json'))
    expect(calls).toEqual([userUpdate('user@example.com', 'c-1', U2_FIELDS)])
  })

  it('U3: mpid mode sends the mpid as userId and never the customer id', async () => {
    const { result, calls } = await run(fixture('u3-mpid-mode.json'))
    expectAck(result, 'event_processing_response', 'batch-u3')
    expect(calls).toEqual([userUpdate('user@example.com', '8675309', { plan: 'pro' })])
  })

  it('U3: mpid mode without email uses <mpid>@placeholder.email', async () => {
    const { calls } = await run(fixture('u3-mpid-no-email.json'))
    expect(calls).toEqual([userUpdate('8675309@placeholder.email', '8675309', { plan: 'pro' })])
  })

  describe('U4: placeholder email priority (customerId mode, no email identity)', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['u4-ios-idfv.json', 'IDFV-1@placeholder.email', 'c-1'],
      ['u4-ios-idfa.json', 'IDFA-1@placeholder.email', 'c-1'],
      ['u4-tvos-idfv.json', 'TVFV-1@placeholder.email', 'c-1'],
      ['u4-android-gaid.json', 'GAID-1@placeholder.email', 'c-1'],
      ['u4-android-id.json', 'AID-1@placeholder.email', 'c-1'],
      ['u4-customer.json', 'c-1@placeholder.email', 'c-1'],
      ['u4-stamp.json', 'stamp-1@placeholder.email', undefined],
      ['u4-web-skips-device.json', 'c-1@placeholder.email', 'c-1'],
    ]
    it.each(cases)('U4: %s -> %s', async (name, email, userId) => {
      const { result, calls } = await run(fixture(name))
      expect(result.ok).toBe(true)
      expect(calls).toEqual([userUpdate(email, userId, { plan: 'pro' })])
    })
  })

  it('U5: no identity at all: zero calls, a non-retryable failure logged with the batch id, batch acknowledged', async () => {
    const { result, calls, logger } = await run(fixture('u5-no-identity.json'))
    expect(calls).toEqual([])
    expectAck(result, 'event_processing_response', 'batch-u5')
    const failures = logger.records().filter((r: any) => r.message === 'item failed for good')
    expect(failures.length).toBeGreaterThan(0)
    for (const f of failures as any[]) {
      expect(f.messageId).toBe('batch-u5')
      expect(f.reason).toMatch(/no email and nothing to build a placeholder/)
    }
  })

  it('U5: mpid mode without mpid (and no email) is the same non-retryable failure', async () => {
    const { result, calls } = await run(fixture('u5-mpid-mode-no-mpid.json'))
    expect(calls).toEqual([])
    expectAck(result, 'event_processing_response', 'batch-u5b')
  })

  it('U5 (fixed): a real email without any placeholder source is processed normally', async () => {
    const { result, calls } = await run(fixture('u5-real-email-no-source.json'))
    expectAck(result, 'event_processing_response', 'batch-u5c')
    expect(calls.map((c) => c.path)).toEqual(['/api/users/update', '/api/events/track'])
    expect(calls[0].body).toEqual({ email: 'user@example.com', dataFields: { plan: 'pro' } })
  })

  it('U6: email added converts the placeholder (computed as in U4, not the current email) before users/update', async () => {
    const { result, calls } = await run(fixture('u6-email-added.json'))
    expectAck(result, 'event_processing_response', 'batch-u6')
    expect(calls).toEqual([
      call('/api/users/updateEmail', { currentEmail: 'IDFV-1@placeholder.email', newEmail: 'new@x.com' }),
      userUpdate('user@example.com', 'c-1', { plan: 'pro' }),
    ])
  })

  it('U7: email changed converts removed[0] to added[0]', async () => {
    const { calls } = await run(fixture('u7-email-changed.json'))
    expect(calls).toEqual([call('/api/users/updateEmail', { currentEmail: 'old@x.com', newEmail: 'new@x.com' }), userUpdate('user@example.com', 'c-1', { plan: 'pro' })])
  })

  it('U7: added-only conversions come before changes; a non-email first identity produces nothing', async () => {
    const { calls } = await run(fixture('u7-mixed-changes.json'))
    expect(calls).toEqual([
      call('/api/users/updateEmail', { currentEmail: 'IDFV-1@placeholder.email', newEmail: 'added@x.com' }),
      call('/api/users/updateEmail', { currentEmail: 'old@x.com', newEmail: 'changed@x.com' }),
      userUpdate('user@example.com', 'c-1', { plan: 'pro' }),
    ])
  })

  describe('U8: eventless batches still sync the user', () => {
    const expected = [userUpdate('user@example.com', 'c-1', { plan: 'pro', age: 42 })]
    it('U8: events absent', async () => {
      const { result, calls } = await run(fixture('u8-eventless.json'))
      expectAck(result, 'event_processing_response', 'batch-u8')
      expect(calls).toEqual(expected)
    })
    it.each([[[]], [null]])('U8: events %j', async (events) => {
      const { result, calls } = await run({ ...fixture('u8-eventless.json'), events })
      expectAck(result, 'event_processing_response', 'batch-u8')
      expect(calls).toEqual(expected)
    })
    it('U8: a verification batch (no events, no user data) gets the empty response and no call', async () => {
      const bare = { type: 'event_processing_request', id: 'verify-1', timestamp_ms: 1595815921099, firehose_version: '2.2.0', account: fixture('u8-eventless.json').account }
      const { result, calls } = await run(bare)
      expectAck(result, 'event_processing_response', 'verify-1')
      expect(calls).toEqual([])
    })
  })
})

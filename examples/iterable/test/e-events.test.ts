import { describe, expect, it } from 'vitest'
import { call, expectAck, fixture, run } from './support.js'

const USER = { email: 'user@example.com', userId: 'c-1' }
const update = (dataFields: unknown = { plan: 'pro' }) => call('/api/users/update', { ...USER, dataFields })
const withSettings = (message: any, settings: Record<string, string | null>) => ({
  ...message,
  account: { ...message.account, account_settings: { ...message.account.account_settings, ...settings } },
})

describe('E per-event mapping', () => {
  it('E1: custom event -> events/track with the event id, createdAt in seconds and coerced attributes', async () => {
    const { result, calls } = await run(fixture('e1-custom-event.json'))
    expectAck(result, 'event_processing_response', 'batch-e1')
    expect(calls).toEqual([
      update(),
      call('/api/events/track', {
        eventName: 'Viewed Product',
        id: '11111111-1111-4111-8111-111111111111',
        createdAt: 1595815920,
        ...USER,
        dataFields: { sku: 'A1', count: 3, flag: false },
      }),
    ])
  })

  it('E1 (parity): custom-event attributes are coerced even with coerceStringsToScalars off; user attributes are not', async () => {
    const { calls } = await run(withSettings(fixture('e1-custom-event.json'), { coerceStringsToScalars: 'false' }))
    expect(calls[1].body).toMatchObject({ dataFields: { sku: 'A1', count: 3, flag: false } })
    const { calls: absent } = await run(withSettings(fixture('e1-custom-event.json'), { coerceStringsToScalars: null }))
    expect(absent[1].body).toMatchObject({ dataFields: { sku: 'A1', count: 3, flag: false } })
  })

  it('E2: events are processed in ascending timestamp_ms', async () => {
    const { calls } = await run(fixture('e2-two-events.json'))
    expect(calls.map((c) => [c.path, (c.body as any).eventName])).toEqual([
      ['/api/users/update', undefined],
      ['/api/events/track', 'At 1000'],
      ['/api/events/track', 'At 2000'],
    ])
    expect(calls.slice(1).map((c) => (c.body as any).createdAt)).toEqual([1, 2])
  })

  it('E2: a mixed batch calls updateEmail, users/update, trackPushOpen, then per-event calls by time', async () => {
    const { result, calls } = await run(fixture('e2-mixed-batch.json'))
    expectAck(result, 'event_processing_response', 'batch-e2')
    expect(calls).toEqual([
      call('/api/users/updateEmail', { currentEmail: 'user@example.com', newEmail: 'new@x.com' }),
      update(),
      call('/api/events/trackPushOpen', { ...USER, campaignId: 12345, templateId: 54321, messageId: 'msg-open', createdAt: 1595815921 }),
      call('/api/events/track', { eventName: 'First', id: '00002001-0000-4000-8000-000000002001', createdAt: 1595816920, ...USER, dataFields: { n: 1 } }),
      call('/api/events/track', { eventName: 'Second', id: '00002002-0000-4000-8000-000000002002', createdAt: 1595817920, ...USER, dataFields: { n: 2 } }),
      call('/api/commerce/trackPurchase', {
        id: '00002005-0000-4000-8000-000000002005',
        createdAt: 1595818920,
        total: 10,
        user: { ...USER, dataFields: { plan: 'pro' } },
        items: [{ id: 'p9', sku: 'p9', name: 'Hat', price: 10, quantity: 1 }],
      }),
    ])
  })

  it('E3: subscriptionsUpdated -> users/updateSubscriptions (email only, CSV parsed, bad templateId ignored), no track', async () => {
    const { result, calls } = await run(fixture('e3-subscriptions.json'))
    expectAck(result, 'event_processing_response', 'batch-e3')
    expect(calls).toEqual([
      update(),
      call('/api/users/updateSubscriptions', {
        email: 'user@example.com',
        emailListIds: [1, 2, 3],
        unsubscribedChannelIds: [4, 5],
        unsubscribedMessageTypeIds: [],
        campaignId: 77,
      }),
    ])
  })

  it('E3: the name matches in any case; absent keys are left out', async () => {
    const { calls } = await run(fixture('e3-subscriptions-uppercase.json'))
    expect(calls).toEqual([update(), call('/api/users/updateSubscriptions', { email: 'user@example.com', emailListIds: [9] })])
  })

  it('E3 (fixed): a non-numeric list token fails that event for good (no call, logged with its id); the batch goes on', async () => {
    const { result, calls, logger } = await run(fixture('e3-bad-csv.json'))
    expectAck(result, 'event_processing_response', 'batch-e3c')
    expect(calls.map((c) => c.path)).toEqual(['/api/users/update', '/api/events/track'])
    expect(logger.records()).toContainEqual(
      expect.objectContaining({
        message: 'item failed for good',
        messageId: 'batch-e3c',
        item: '00000303-0000-4000-8000-000000000303',
        reason: 'attribute emailListIds: expected comma-separated integers',
      }),
    )
  })

  it('E4: purchase -> commerce/trackPurchase with user data fields and items (truncated or default quantity)', async () => {
    const { result, calls } = await run(fixture('e4-purchase.json'))
    expectAck(result, 'event_processing_response', 'batch-e4')
    const userFields = { phoneNumber: '+15558765309', loves_pizza: true, age: 42, ratio: 1.5, ver: '1.0', note: '' }
    expect(calls).toEqual([
      call('/api/users/update', { ...USER, dataFields: userFields }),
      call('/api/commerce/trackPurchase', {
        id: '44444444-4444-4444-8444-444444444444',
        createdAt: 1595815920,
        total: 101,
        user: { ...USER, dataFields: userFields },
        items: [
          { id: 'p1', sku: 'p1', name: 'Shoe', categories: ['Footwear'], price: 50.5, quantity: 2, dataFields: { size: 42 } },
          { id: 'p2', sku: 'p2', quantity: 1 },
          { id: 'p3', sku: 'p3', quantity: 1 },
        ],
      }),
    ])
  })

  it('E4: product attributes follow the coercion setting', async () => {
    const { calls } = await run(withSettings(fixture('e4-purchase.json'), { coerceStringsToScalars: 'false' }))
    expect((calls[1].body as any).items[0].dataFields).toEqual({ size: '42' })
    expect((calls[1].body as any).user.dataFields.age).toBe('42')
  })

  it('E5: every non-purchase product action sends nothing', async () => {
    const { result, calls } = await run(fixture('e5-non-purchase.json'))
    expectAck(result, 'event_processing_response', 'batch-e5')
    expect(calls).toEqual([update()])
  })

  describe('E6: push tokens', () => {
    const token = (platform: string, applicationName: string) =>
      call('/api/users/registerDeviceToken', { email: 'user@example.com', device: { token: 'abc', platform, applicationName }, preferUserId: false })
    it.each([
      ['e6-token-ios-sandbox.json', 'APNS_SANDBOX', 'apns-sbx'],
      ['e6-token-ios-prod.json', 'APNS', 'apns-prod'],
      ['e6-token-ios-unflagged.json', 'APNS', 'apns-prod'],
      ['e6-token-android.json', 'GCM', 'gcm-app'],
    ])('E6: %s -> registerDeviceToken %s / %s (no userId)', async (name, platform, app) => {
      const { result, calls } = await run(fixture(name))
      expect(result.ok).toBe(true)
      expect(calls).toEqual([update(), token(platform, app)])
    })
    it.each(['e6-token-web.json', 'e6-token-unknown.json', 'e6-token-unsubscribe.json', 'e6-token-sdk-present.json'])('E6: %s -> no token call', async (name) => {
      const { result, calls, logger } = await run(fixture(name))
      expect(result.ok).toBe(true)
      expect(calls).toEqual([update()])
      expect(logger.records()).toContainEqual(expect.objectContaining({ message: 'no Iterable call' }))
    })
  })

  it('E7: Android push receipt (itbl as a JSON string) -> trackPushOpen, messageId without extra quotes', async () => {
    const { result, calls } = await run(fixture('e7-receipt-android.json'))
    expectAck(result, 'event_processing_response', 'batch-e7')
    expect(calls).toEqual([update(), call('/api/events/trackPushOpen', { ...USER, campaignId: 12345, templateId: 54321, messageId: '1dce9a1b2c3d4e5f', createdAt: 1595815920 })])
  })

  it('E8: iOS push receipt (itbl as an object) -> the same trackPushOpen', async () => {
    const { calls } = await run(fixture('e8-receipt-ios.json'))
    expect(calls).toEqual([update(), call('/api/events/trackPushOpen', { ...USER, campaignId: 12345, templateId: 54321, messageId: '1dce9a1b2c3d4e5f', createdAt: 1595815920 })])
  })

  it('E9: proof sends, string campaign ids and non-Iterable payloads send nothing', async () => {
    const { result, calls } = await run(fixture('e9-no-call-payloads.json'))
    expectAck(result, 'event_processing_response', 'batch-e9')
    expect(calls).toEqual([update()])
  })

  it('E9: with the Iterable SDK in the app, receipts and opens send nothing', async () => {
    const { calls } = await run(fixture('e9-sdk-present.json'))
    expect(calls).toEqual([update()])
  })

  it('E10 (fixed): a proof-send open does not abandon the other opens in the batch', async () => {
    const { result, calls } = await run(fixture('e10-opens.json'))
    expectAck(result, 'event_processing_response', 'batch-e10')
    expect(calls).toEqual([update(), call('/api/events/trackPushOpen', { ...USER, campaignId: 222, templateId: 333, messageId: 'real', createdAt: 1595815921 })])
  })

  it('E11: screen views, sessions, attribute changes, unregistered and unknown types send nothing and do not crash', async () => {
    const { result, calls, logger } = await run(fixture('e11-unused-types.json'))
    expectAck(result, 'event_processing_response', 'batch-e11')
    expect(calls).toEqual([update()])
    expect(logger.records()).toContainEqual(expect.objectContaining({ message: 'item skipped', item: '00001101-0000-4000-8000-000000001101' }))
  })
})

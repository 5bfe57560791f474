import type { EventType } from '../src/schema/index.js'

const identity = { type: 'email', encoding: 'sha256', value: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9' }
const location = { latitude: 47.6062, longitude: 122.3231, accuracy: 0.0 }
const attributes = { event_attribute: 'value', plan: 'gold', step: '3' }
const flags = { 'ModuleA.flagA': 'value1', 'ModuleB.flagB': 'value2' }
const product = {
  id: 'sku-1',
  name: 'Running shoe',
  brand: 'brand',
  category: 'shoes',
  variant: 'blue',
  position: 1,
  price: 89.99,
  quantity: 1,
  total_amount: 89.99,
  attributes: { size: '42' },
}

/** One realistic event body per type (the common fields are added by {@link sampleEvent}). */
const BODIES: Record<EventType, Record<string, unknown>> = {
  session_start: {},
  session_end: { session_length_ms: 120000 },
  custom_event: { name: 'customEvent', custom_event_type: 'other', attributes, custom_flags: flags },
  screen_view: { screen_name: 'Home', attributes, custom_flags: flags },
  error: { message: 'boom', is_crash: false, stack_trace: 'at main()', breadcrumbs: ['home', 'cart'], attributes },
  privacy_setting_change: { setting: 'app_data_collection', is_enabled: true },
  user_attribute_change: { added: { $City: 'Boca Raton' }, removed: { $Zip: '33431' } },
  user_identity_change: { added: [identity], removed: [] },
  push_subscription: { action: 'subscribe', token: 'push-token-123' },
  application_state_transition: { application_state: 'foreground', launch_referral: 'app://home', source_package: 'com.example' },
  push_message_receipt: { payload: '{"aps":{"alert":"hi"}}' },
  product_action: {
    action: 'purchase',
    transaction_id: 'tx-1',
    total_amount: 99.99,
    tax_amount: 10,
    shipping_amount: 0,
    currency_code: 'USD',
    products: [product, product],
    attributes,
    custom_flags: flags,
  },
  promotion_action: { action: 'view', promotions: [{ id: 'p1', name: 'Summer', creative: 'banner', position: 'top' }], attributes },
  impression: { impressions: [{ impression_list_name: 'search', products: [product] }], attributes },
  attribution: { name: 'install', partner_name: 'partner', publisher_name: 'pub', campaign_name: 'spring', attributes },
  push_message_open: { payload: '{"aps":{"alert":"hi"}}' },
}

export const sampleEvent = (type: EventType, index: number): Record<string, unknown> => ({
  type,
  id: `9daa09f0-0c61-4b46-a16a-${String(index).padStart(12, '0')}`,
  timestamp_ms: 1714592744066 + index,
  source_id: 'b9cfbdfb-a5f7-457c-b197-b3dbd9652c7e',
  session_id: 123456789,
  location,
  ...BODIES[type],
})

/** An event batch like the iOS example of the Java SDK, with `count` events of all 16 types mixed. */
export const sampleBatch = (count: number, types: ReadonlyArray<EventType>): Record<string, unknown> => ({
  type: 'event_processing_request',
  id: '66062a39-ea83-450e-9d5e-92829b6e565d',
  timestamp_ms: 1714592744066,
  firehose_version: '3.2.0',
  source_id: 'b5328100-69d6-46d6-8984-b9881beefbf5',
  account: { account_id: 123456, account_settings: { apiKey: 'sample API Key', sandbox: 'false' } },
  user_identities: [identity, { type: 'customer', encoding: 'raw', value: '1234567890' }],
  user_attributes: { $City: 'Boca Raton', $FirstName: 'Brian', $Country: 'USA', tag: null },
  runtime_environment: {
    type: 'ios',
    client_ip_address: '127.0.0.1',
    sdk_version: '6.12.1',
    identities: [{ type: 'ios_advertising_id', encoding: 'raw', value: '66b728c2-f9a4-4d87-82ef-ce07414fe3f7' }],
    brand: 'Apple',
    model: 'iPad Pro',
    screen_height: 2436,
    screen_width: 1125,
    timezone_offset: -8,
    is_tablet: true,
    att_authorization_status: 'authorized',
  },
  events: Array.from({ length: count }, (_, i) => sampleEvent(types[i % types.length], i)),
  source_channel: 'native',
  consent_state: { gdpr_consent_state: { purpose: { consented: true, timestamp_unixtime_ms: 1714592744066 } } },
  mpid: '12345',
})

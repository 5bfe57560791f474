import type * as t from 'io-ts'
import { array, map, model, opt, req, taggedUnion } from './codec.js'
import {
  ApplicationState,
  CustomEventType,
  EVENT_TYPES,
  type EventType,
  PrivacySetting,
  ProductAction,
  PromotionAction,
  PushSubscriptionAction,
} from './enums.js'
import { UserIdentity } from './identities.js'
import { bool, decimal, describeValues, double, int32, int64, literal, requiredText, str, uuid } from './primitives.js'

/** Java reads a missing coordinate as 0.0; strict mode requires both. */
export const Location = model('Location', {
  latitude: opt(double, { strict: true }),
  longitude: opt(double, { strict: true }),
  accuracy: opt(double),
})
export type Location = t.TypeOf<typeof Location>

const StringMap = map(str)

/** `position` is an integer here but a string on Promotion (as in Java). */
export const Product = model('Product', {
  id: opt(str),
  name: opt(str),
  brand: opt(str),
  category: opt(str),
  variant: opt(str),
  position: opt(int32),
  price: opt(decimal),
  quantity: opt(decimal),
  coupon_code: opt(str),
  total_amount: opt(decimal),
  attributes: opt(StringMap),
})
export type Product = t.TypeOf<typeof Product>

export const Promotion = model('Promotion', {
  id: opt(str),
  name: opt(str),
  creative: opt(str),
  position: opt(str),
})
export type Promotion = t.TypeOf<typeof Promotion>

export const Impression = model('Impression', {
  impression_list_name: opt(str),
  products: opt(array(Product)),
})
export type Impression = t.TypeOf<typeof Impression>

/**
 * The fields of every event. `id` is a UUID (as in Java). `timestamp_ms` and `session_id` are
 * {@link Int64}s: mParticle session ids often exceed 2^53, and arrive as their exact decimal text
 * when the message text was read with `parseMessageText` (every transport that sees the text does).
 */
const event = <T extends EventType>(type: T) => ({
  type: req(literal(type)),
  id: req(uuid),
  timestamp_ms: req(int64),
  source_id: opt(str),
  session_id: opt(int64),
  location: opt(Location),
})

export const SessionStartEvent = model('SessionStartEvent', { ...event('session_start') })
export type SessionStartEvent = t.TypeOf<typeof SessionStartEvent>

export const SessionEndEvent = model('SessionEndEvent', { ...event('session_end'), session_length_ms: opt(int64) })
export type SessionEndEvent = t.TypeOf<typeof SessionEndEvent>

export const CustomEvent = model('CustomEvent', {
  ...event('custom_event'),
  name: req(requiredText),
  custom_event_type: opt(CustomEventType),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export type CustomEvent = t.TypeOf<typeof CustomEvent>

export const ScreenViewEvent = model('ScreenViewEvent', {
  ...event('screen_view'),
  screen_name: req(requiredText),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export type ScreenViewEvent = t.TypeOf<typeof ScreenViewEvent>

export const ErrorEvent = model('ErrorEvent', {
  ...event('error'),
  message: opt(str),
  is_crash: opt(bool),
  stack_trace: opt(str),
  breadcrumbs: opt(array(str)),
  attributes: opt(StringMap),
})
export type ErrorEvent = t.TypeOf<typeof ErrorEvent>

export const PrivacySettingChangeEvent = model('PrivacySettingChangeEvent', {
  ...event('privacy_setting_change'),
  setting: req(PrivacySetting),
  is_enabled: opt(bool),
})
export type PrivacySettingChangeEvent = t.TypeOf<typeof PrivacySettingChangeEvent>

export const UserAttributeChangeEvent = model('UserAttributeChangeEvent', {
  ...event('user_attribute_change'),
  added: opt(StringMap),
  removed: opt(StringMap),
})
export type UserAttributeChangeEvent = t.TypeOf<typeof UserAttributeChangeEvent>

export const UserIdentityChangeEvent = model('UserIdentityChangeEvent', {
  ...event('user_identity_change'),
  added: opt(array(UserIdentity)),
  removed: opt(array(UserIdentity)),
})
export type UserIdentityChangeEvent = t.TypeOf<typeof UserIdentityChangeEvent>

export const PushSubscriptionEvent = model('PushSubscriptionEvent', {
  ...event('push_subscription'),
  action: req(PushSubscriptionAction),
  token: req(requiredText),
})
export type PushSubscriptionEvent = t.TypeOf<typeof PushSubscriptionEvent>

export const ApplicationStateTransitionEvent = model('ApplicationStateTransitionEvent', {
  ...event('application_state_transition'),
  application_state: req(ApplicationState),
  launch_referral: opt(str),
  referral_application: opt(str),
  launch_parameters: opt(str),
  source_package: opt(str),
})
export type ApplicationStateTransitionEvent = t.TypeOf<typeof ApplicationStateTransitionEvent>

/** `payload` is the push payload as JSON *text*. */
export const PushMessageReceiptEvent = model('PushMessageReceiptEvent', { ...event('push_message_receipt'), payload: opt(str) })
export type PushMessageReceiptEvent = t.TypeOf<typeof PushMessageReceiptEvent>

export const PushMessageOpenEvent = model('PushMessageOpenEvent', { ...event('push_message_open'), payload: opt(str) })
export type PushMessageOpenEvent = t.TypeOf<typeof PushMessageOpenEvent>

export const ProductActionEvent = model('ProductActionEvent', {
  ...event('product_action'),
  action: req(ProductAction),
  transaction_id: opt(str),
  affiliation: opt(str),
  total_amount: opt(decimal),
  tax_amount: opt(decimal),
  shipping_amount: opt(decimal),
  currency_code: opt(str),
  coupon_code: opt(str),
  products: opt(array(Product)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export type ProductActionEvent = t.TypeOf<typeof ProductActionEvent>

export const PromotionActionEvent = model('PromotionActionEvent', {
  ...event('promotion_action'),
  action: req(PromotionAction),
  promotions: opt(array(Promotion)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export type PromotionActionEvent = t.TypeOf<typeof PromotionActionEvent>

export const ImpressionEvent = model('ImpressionEvent', {
  ...event('impression'),
  impressions: opt(array(Impression)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export type ImpressionEvent = t.TypeOf<typeof ImpressionEvent>

export const AttributionEvent = model('AttributionEvent', {
  ...event('attribution'),
  name: opt(str),
  partner_name: opt(str),
  publisher_name: opt(str),
  campaign_name: opt(str),
  attributes: opt(StringMap),
})
export type AttributionEvent = t.TypeOf<typeof AttributionEvent>

export const EVENT_CODECS = {
  session_start: SessionStartEvent,
  session_end: SessionEndEvent,
  custom_event: CustomEvent,
  screen_view: ScreenViewEvent,
  error: ErrorEvent,
  privacy_setting_change: PrivacySettingChangeEvent,
  user_attribute_change: UserAttributeChangeEvent,
  user_identity_change: UserIdentityChangeEvent,
  push_subscription: PushSubscriptionEvent,
  application_state_transition: ApplicationStateTransitionEvent,
  push_message_receipt: PushMessageReceiptEvent,
  product_action: ProductActionEvent,
  promotion_action: PromotionActionEvent,
  impression: ImpressionEvent,
  attribution: AttributionEvent,
  push_message_open: PushMessageOpenEvent,
} as const satisfies Record<EventType, unknown>

export const Event = taggedUnion('Event', 'type', EVENT_CODECS, describeValues('event type', EVENT_TYPES))
export type Event = t.TypeOf<typeof Event>

/** `EventByType['custom_event']` is `CustomEvent`. */
export type EventByType = { [K in EventType]: t.TypeOf<(typeof EVENT_CODECS)[K]> }

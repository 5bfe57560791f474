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
import { bool, decimal, describeValues, double, int32, int64, literal, str } from './primitives.js'

/** Java reads a missing coordinate as 0.0; strict mode requires both. */
export const Location = model('Location', {
  latitude: opt(double, { strict: true }),
  longitude: opt(double, { strict: true }),
  accuracy: opt(double),
})
export interface Location extends t.TypeOf<typeof Location> {}

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
export interface Product extends t.TypeOf<typeof Product> {}

export const Promotion = model('Promotion', {
  id: opt(str),
  name: opt(str),
  creative: opt(str),
  position: opt(str),
})
export interface Promotion extends t.TypeOf<typeof Promotion> {}

export const Impression = model('Impression', {
  impression_list_name: opt(str),
  products: opt(array(Product)),
})
export interface Impression extends t.TypeOf<typeof Impression> {}

/**
 * fields of every event. `session_id` is a 64-bit id held in a JavaScript number: exact up
 * to 2^53 (9007199254740991); mParticle session ids often exceed that, and `JSON.parse` rounds
 * them before any codec runs, so treat `session_id` as an approximate, opaque correlation value
 * (parse the raw text with a lossless JSON parser if the exact id matters).
 */
const event = <T extends EventType>(type: T) => ({
  type: req(literal(type)),
  id: req(str),
  timestamp_ms: req(int64),
  source_id: opt(str),
  session_id: opt(int64),
  location: opt(Location),
})

export const SessionStartEvent = model('SessionStartEvent', { ...event('session_start') })
export interface SessionStartEvent extends t.TypeOf<typeof SessionStartEvent> {}

export const SessionEndEvent = model('SessionEndEvent', { ...event('session_end'), session_length_ms: opt(int64) })
export interface SessionEndEvent extends t.TypeOf<typeof SessionEndEvent> {}

export const CustomEvent = model('CustomEvent', {
  ...event('custom_event'),
  name: req(str),
  custom_event_type: opt(CustomEventType),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export interface CustomEvent extends t.TypeOf<typeof CustomEvent> {}

export const ScreenViewEvent = model('ScreenViewEvent', {
  ...event('screen_view'),
  screen_name: req(str),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export interface ScreenViewEvent extends t.TypeOf<typeof ScreenViewEvent> {}

export const ErrorEvent = model('ErrorEvent', {
  ...event('error'),
  message: opt(str),
  is_crash: opt(bool),
  stack_trace: opt(str),
  breadcrumbs: opt(array(str)),
  attributes: opt(StringMap),
})
export interface ErrorEvent extends t.TypeOf<typeof ErrorEvent> {}

export const PrivacySettingChangeEvent = model('PrivacySettingChangeEvent', {
  ...event('privacy_setting_change'),
  setting: req(PrivacySetting),
  is_enabled: opt(bool),
})
export interface PrivacySettingChangeEvent extends t.TypeOf<typeof PrivacySettingChangeEvent> {}

export const UserAttributeChangeEvent = model('UserAttributeChangeEvent', {
  ...event('user_attribute_change'),
  added: opt(StringMap),
  removed: opt(StringMap),
})
export interface UserAttributeChangeEvent extends t.TypeOf<typeof UserAttributeChangeEvent> {}

export const UserIdentityChangeEvent = model('UserIdentityChangeEvent', {
  ...event('user_identity_change'),
  added: opt(array(UserIdentity)),
  removed: opt(array(UserIdentity)),
})
export interface UserIdentityChangeEvent extends t.TypeOf<typeof UserIdentityChangeEvent> {}

export const PushSubscriptionEvent = model('PushSubscriptionEvent', {
  ...event('push_subscription'),
  action: req(PushSubscriptionAction),
  token: req(str),
})
export interface PushSubscriptionEvent extends t.TypeOf<typeof PushSubscriptionEvent> {}

export const ApplicationStateTransitionEvent = model('ApplicationStateTransitionEvent', {
  ...event('application_state_transition'),
  application_state: req(ApplicationState),
  launch_referral: opt(str),
  referral_application: opt(str),
  launch_parameters: opt(str),
  source_package: opt(str),
})
export interface ApplicationStateTransitionEvent extends t.TypeOf<typeof ApplicationStateTransitionEvent> {}

/** `payload` is the push payload as JSON *text*. */
export const PushMessageReceiptEvent = model('PushMessageReceiptEvent', { ...event('push_message_receipt'), payload: opt(str) })
export interface PushMessageReceiptEvent extends t.TypeOf<typeof PushMessageReceiptEvent> {}

export const PushMessageOpenEvent = model('PushMessageOpenEvent', { ...event('push_message_open'), payload: opt(str) })
export interface PushMessageOpenEvent extends t.TypeOf<typeof PushMessageOpenEvent> {}

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
export interface ProductActionEvent extends t.TypeOf<typeof ProductActionEvent> {}

export const PromotionActionEvent = model('PromotionActionEvent', {
  ...event('promotion_action'),
  action: req(PromotionAction),
  promotions: opt(array(Promotion)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export interface PromotionActionEvent extends t.TypeOf<typeof PromotionActionEvent> {}

export const ImpressionEvent = model('ImpressionEvent', {
  ...event('impression'),
  impressions: opt(array(Impression)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
export interface ImpressionEvent extends t.TypeOf<typeof ImpressionEvent> {}

export const AttributionEvent = model('AttributionEvent', {
  ...event('attribution'),
  name: opt(str),
  partner_name: opt(str),
  publisher_name: opt(str),
  campaign_name: opt(str),
  attributes: opt(StringMap),
})
export interface AttributionEvent extends t.TypeOf<typeof AttributionEvent> {}

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

/**
 * `EventByType['custom_event']` is `CustomEvent`. Written out so that every type error names the
 * event's interface instead of spelling out its fields.
 */
export interface EventByType {
  readonly session_start: SessionStartEvent
  readonly session_end: SessionEndEvent
  readonly custom_event: CustomEvent
  readonly screen_view: ScreenViewEvent
  readonly error: ErrorEvent
  readonly privacy_setting_change: PrivacySettingChangeEvent
  readonly user_attribute_change: UserAttributeChangeEvent
  readonly user_identity_change: UserIdentityChangeEvent
  readonly push_subscription: PushSubscriptionEvent
  readonly application_state_transition: ApplicationStateTransitionEvent
  readonly push_message_receipt: PushMessageReceiptEvent
  readonly product_action: ProductActionEvent
  readonly promotion_action: PromotionActionEvent
  readonly impression: ImpressionEvent
  readonly attribution: AttributionEvent
  readonly push_message_open: PushMessageOpenEvent
}

/** Any event of the protocol, a union of named interfaces (narrow it on `type`). */
export type Event = EventByType[EventType]

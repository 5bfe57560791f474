import type * as t from 'io-ts'
import { array, map, model, opt, req, taggedUnion } from './codec.js'
import { ApplicationState, CustomEventType, EVENT_TYPES, type EventType, PrivacySetting, ProductAction, PromotionAction, PushSubscriptionAction } from './enums.js'
import { UserIdentity } from './identities.js'
import { bool, decimal, describeValues, double, int32, int64, literal, requiredText, str, uuid } from './primitives.js'

/** Java reads a missing coordinate as 0.0; strict mode requires both. */
export const Location = model('Location', {
  latitude: opt(double, { strict: true }),
  longitude: opt(double, { strict: true }),
  accuracy: opt(double),
})
/** The protocol's `Location`, as the codec of the same name decodes it. */
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
/** The protocol's `Product`, as the codec of the same name decodes it. */
export interface Product extends t.TypeOf<typeof Product> {}

/** The io-ts codec of the protocol's `Promotion`; the decoded type is the interface or type of the same name. */
export const Promotion = model('Promotion', {
  id: opt(str),
  name: opt(str),
  creative: opt(str),
  position: opt(str),
})
/** The protocol's `Promotion`, as the codec of the same name decodes it. */
export interface Promotion extends t.TypeOf<typeof Promotion> {}

/** The io-ts codec of the protocol's `Impression`; the decoded type is the interface or type of the same name. */
export const Impression = model('Impression', {
  impression_list_name: opt(str),
  products: opt(array(Product)),
})
/** The protocol's `Impression`, as the codec of the same name decodes it. */
export interface Impression extends t.TypeOf<typeof Impression> {}

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

/** The io-ts codec of the protocol's `SessionStartEvent`; the decoded type is the interface or type of the same name. */
export const SessionStartEvent = model('SessionStartEvent', { ...event('session_start') })
/** The protocol's `SessionStartEvent`, as the codec of the same name decodes it. */
export interface SessionStartEvent extends t.TypeOf<typeof SessionStartEvent> {}

/** The io-ts codec of the protocol's `SessionEndEvent`; the decoded type is the interface or type of the same name. */
export const SessionEndEvent = model('SessionEndEvent', { ...event('session_end'), session_length_ms: opt(int64) })
/** The protocol's `SessionEndEvent`, as the codec of the same name decodes it. */
export interface SessionEndEvent extends t.TypeOf<typeof SessionEndEvent> {}

/** The io-ts codec of the protocol's `CustomEvent`; the decoded type is the interface or type of the same name. */
export const CustomEvent = model('CustomEvent', {
  ...event('custom_event'),
  name: req(requiredText),
  custom_event_type: opt(CustomEventType),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
/** The protocol's `CustomEvent`, as the codec of the same name decodes it. */
export interface CustomEvent extends t.TypeOf<typeof CustomEvent> {}

/** The io-ts codec of the protocol's `ScreenViewEvent`; the decoded type is the interface or type of the same name. */
export const ScreenViewEvent = model('ScreenViewEvent', {
  ...event('screen_view'),
  screen_name: req(requiredText),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
/** The protocol's `ScreenViewEvent`, as the codec of the same name decodes it. */
export interface ScreenViewEvent extends t.TypeOf<typeof ScreenViewEvent> {}

/** The io-ts codec of the protocol's `ErrorEvent`; the decoded type is the interface or type of the same name. */
export const ErrorEvent = model('ErrorEvent', {
  ...event('error'),
  message: opt(str),
  is_crash: opt(bool),
  stack_trace: opt(str),
  breadcrumbs: opt(array(str)),
  attributes: opt(StringMap),
})
/** The protocol's `ErrorEvent`, as the codec of the same name decodes it. */
export interface ErrorEvent extends t.TypeOf<typeof ErrorEvent> {}

/** The io-ts codec of the protocol's `PrivacySettingChangeEvent`; the decoded type is the interface or type of the same name. */
export const PrivacySettingChangeEvent = model('PrivacySettingChangeEvent', {
  ...event('privacy_setting_change'),
  setting: req(PrivacySetting),
  is_enabled: opt(bool),
})
/** The protocol's `PrivacySettingChangeEvent`, as the codec of the same name decodes it. */
export interface PrivacySettingChangeEvent extends t.TypeOf<typeof PrivacySettingChangeEvent> {}

/** The io-ts codec of the protocol's `UserAttributeChangeEvent`; the decoded type is the interface or type of the same name. */
export const UserAttributeChangeEvent = model('UserAttributeChangeEvent', {
  ...event('user_attribute_change'),
  added: opt(StringMap),
  removed: opt(StringMap),
})
/** The protocol's `UserAttributeChangeEvent`, as the codec of the same name decodes it. */
export interface UserAttributeChangeEvent extends t.TypeOf<typeof UserAttributeChangeEvent> {}

/** The io-ts codec of the protocol's `UserIdentityChangeEvent`; the decoded type is the interface or type of the same name. */
export const UserIdentityChangeEvent = model('UserIdentityChangeEvent', {
  ...event('user_identity_change'),
  added: opt(array(UserIdentity)),
  removed: opt(array(UserIdentity)),
})
/** The protocol's `UserIdentityChangeEvent`, as the codec of the same name decodes it. */
export interface UserIdentityChangeEvent extends t.TypeOf<typeof UserIdentityChangeEvent> {}

/** The io-ts codec of the protocol's `PushSubscriptionEvent`; the decoded type is the interface or type of the same name. */
export const PushSubscriptionEvent = model('PushSubscriptionEvent', {
  ...event('push_subscription'),
  action: req(PushSubscriptionAction),
  token: req(requiredText),
})
/** The protocol's `PushSubscriptionEvent`, as the codec of the same name decodes it. */
export interface PushSubscriptionEvent extends t.TypeOf<typeof PushSubscriptionEvent> {}

/** The io-ts codec of the protocol's `ApplicationStateTransitionEvent`; the decoded type is the interface or type of the same name. */
export const ApplicationStateTransitionEvent = model('ApplicationStateTransitionEvent', {
  ...event('application_state_transition'),
  application_state: req(ApplicationState),
  launch_referral: opt(str),
  referral_application: opt(str),
  launch_parameters: opt(str),
  source_package: opt(str),
})
/** The protocol's `ApplicationStateTransitionEvent`, as the codec of the same name decodes it. */
export interface ApplicationStateTransitionEvent extends t.TypeOf<typeof ApplicationStateTransitionEvent> {}

/** `payload` is the push payload as JSON *text*. */
export const PushMessageReceiptEvent = model('PushMessageReceiptEvent', { ...event('push_message_receipt'), payload: opt(str) })
/** The protocol's `PushMessageReceiptEvent`, as the codec of the same name decodes it. */
export interface PushMessageReceiptEvent extends t.TypeOf<typeof PushMessageReceiptEvent> {}

/** The io-ts codec of the protocol's `PushMessageOpenEvent`; the decoded type is the interface or type of the same name. */
export const PushMessageOpenEvent = model('PushMessageOpenEvent', { ...event('push_message_open'), payload: opt(str) })
/** The protocol's `PushMessageOpenEvent`, as the codec of the same name decodes it. */
export interface PushMessageOpenEvent extends t.TypeOf<typeof PushMessageOpenEvent> {}

/** The io-ts codec of the protocol's `ProductActionEvent`; the decoded type is the interface or type of the same name. */
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
/** The protocol's `ProductActionEvent`, as the codec of the same name decodes it. */
export interface ProductActionEvent extends t.TypeOf<typeof ProductActionEvent> {}

/** The io-ts codec of the protocol's `PromotionActionEvent`; the decoded type is the interface or type of the same name. */
export const PromotionActionEvent = model('PromotionActionEvent', {
  ...event('promotion_action'),
  action: req(PromotionAction),
  promotions: opt(array(Promotion)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
/** The protocol's `PromotionActionEvent`, as the codec of the same name decodes it. */
export interface PromotionActionEvent extends t.TypeOf<typeof PromotionActionEvent> {}

/** The io-ts codec of the protocol's `ImpressionEvent`; the decoded type is the interface or type of the same name. */
export const ImpressionEvent = model('ImpressionEvent', {
  ...event('impression'),
  impressions: opt(array(Impression)),
  attributes: opt(StringMap),
  custom_flags: opt(StringMap),
})
/** The protocol's `ImpressionEvent`, as the codec of the same name decodes it. */
export interface ImpressionEvent extends t.TypeOf<typeof ImpressionEvent> {}

/** The io-ts codec of the protocol's `AttributionEvent`; the decoded type is the interface or type of the same name. */
export const AttributionEvent = model('AttributionEvent', {
  ...event('attribution'),
  name: opt(str),
  partner_name: opt(str),
  publisher_name: opt(str),
  campaign_name: opt(str),
  attributes: opt(StringMap),
})
/** The protocol's `AttributionEvent`, as the codec of the same name decodes it. */
export interface AttributionEvent extends t.TypeOf<typeof AttributionEvent> {}

/** Every value the protocol allows for event codecs, in the spec's order. */
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

/** The io-ts codec of the protocol's `Event`; the decoded type is the interface or type of the same name. */
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

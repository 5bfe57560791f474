import { enumOf } from './primitives.js'

/** Every enum of Firehose 3.2.0 (`spec/enums.json`), values verbatim and case-sensitive. */

export const FIREHOSE_VERSION = '3.2.0'

/** Every value the protocol allows for message, in the spec's order. */
export const MESSAGE_TYPES = [
  'module_registration_request',
  'module_registration_response',
  'event_processing_request',
  'event_processing_response',
  'audience_subscription_request',
  'audience_subscription_response',
  'audience_membership_change_request',
  'audience_membership_change_response',
  'dsr_processing_request',
  'dsr_processing_response',
] as const
/** One of {@link MESSAGE_TYPES}. */
export type MessageType = (typeof MESSAGE_TYPES)[number]

/** Every value the protocol allows for event, in the spec's order. */
export const EVENT_TYPES = [
  'session_start',
  'session_end',
  'custom_event',
  'screen_view',
  'error',
  'privacy_setting_change',
  'user_attribute_change',
  'user_identity_change',
  'push_subscription',
  'application_state_transition',
  'push_message_receipt',
  'product_action',
  'promotion_action',
  'impression',
  'attribution',
  'push_message_open',
] as const
/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number]
/** The io-ts codec of `EventType`: an unknown value is reported with the allowed ones. */
export const EventTypeCodec = enumOf<EventType>('event type', EVENT_TYPES)

/** Every value the protocol allows for runtime, in the spec's order. */
export const RUNTIME_TYPES = ['unknown', 'android', 'ios', 'tvos', 'mobileweb', 'roku', 'xbox', 'firetv', 'alexa', 'smarttv'] as const
/** One of {@link RUNTIME_TYPES}. */
export type RuntimeType = (typeof RUNTIME_TYPES)[number]
/** The io-ts codec of `RuntimeType`: an unknown value is reported with the allowed ones. */
export const RuntimeTypeCodec = enumOf<RuntimeType>('runtime environment type', RUNTIME_TYPES)

/** Every value the protocol allows for notification, in the spec's order. */
export const NOTIFICATION_TYPES = ['gdpr_consent_state', 'ccpa_consent_state'] as const
/** One of {@link NOTIFICATION_TYPES}. */
export type NotificationType = (typeof NOTIFICATION_TYPES)[number]
/** The io-ts codec of `NotificationType`: an unknown value is reported with the allowed ones. */
export const NotificationTypeCodec = enumOf<NotificationType>('system notification type', NOTIFICATION_TYPES)

/** Every value the protocol allows for setting, in the spec's order. */
export const SETTING_TYPES = ['text', 'integer', 'float', 'boolean'] as const
/** One of {@link SETTING_TYPES}. */
export type SettingType = (typeof SETTING_TYPES)[number]

/** Every value the protocol allows for authentication, in the spec's order. */
export const AUTHENTICATION_TYPES = ['oauth2'] as const
/** One of {@link AUTHENTICATION_TYPES}. */
export type AuthenticationType = (typeof AUTHENTICATION_TYPES)[number]

/** Every value the protocol allows for identity encodings, in the spec's order. */
export const IDENTITY_ENCODINGS = ['raw', 'md5', 'sha1', 'sha256'] as const
/** The io-ts codec of `IdentityEncoding`: an unknown value is reported with the allowed ones. */
export const IdentityEncoding = enumOf('identity encoding', IDENTITY_ENCODINGS)
/** One of {@link IDENTITY_ENCODINGS}. */
export type IdentityEncoding = (typeof IDENTITY_ENCODINGS)[number]

/** Every value the protocol allows for user identity, in the spec's order. */
export const USER_IDENTITY_TYPES = [
  'other',
  'customer',
  'facebook',
  'twitter',
  'google',
  'microsoft',
  'yahoo',
  'email',
  'other2',
  'other3',
  'other4',
  'other5',
  'other6',
  'other7',
  'other8',
  'other9',
  'other10',
  'mobile_number',
  'phone_number_2',
  'phone_number_3',
] as const
/** The io-ts codec of `UserIdentityType`: an unknown value is reported with the allowed ones. */
export const UserIdentityType = enumOf('user identity type', USER_IDENTITY_TYPES)
/** One of {@link USER_IDENTITY_TYPES}. */
export type UserIdentityType = (typeof USER_IDENTITY_TYPES)[number]

/** Every value the protocol allows for device identity, in the spec's order. */
export const DEVICE_IDENTITY_TYPES = [
  'android_id',
  'google_advertising_id',
  'ios_advertising_id',
  'ios_vendor_id',
  'google_cloud_messaging_token',
  'apple_push_notification_token',
  'roku_advertising_id',
  'microsoft_advertising_id',
  'microsoft_publisher_id',
  'fire_advertising_id',
  'roku_publisher_id',
] as const
/** The io-ts codec of `DeviceIdentityType`: an unknown value is reported with the allowed ones. */
export const DeviceIdentityType = enumOf('device identity type', DEVICE_IDENTITY_TYPES)
/** One of {@link DEVICE_IDENTITY_TYPES}. */
export type DeviceIdentityType = (typeof DEVICE_IDENTITY_TYPES)[number]

/** Every value the protocol allows for open dsr identity, in the spec's order. */
export const OPEN_DSR_IDENTITY_TYPES = [
  'controller_customer_id',
  'android_advertising_id',
  'android_id',
  'email',
  'fire_advertising_id',
  'ios_advertising_id',
  'ios_vendor_id',
  'microsoft_advertising_id',
  'microsoft_publisher_id',
  'roku_publisher_id',
  'roku_advertising_id',
] as const
/** The io-ts codec of `OpenDsrIdentityType`: an unknown value is reported with the allowed ones. */
export const OpenDsrIdentityType = enumOf('DSR identity type', OPEN_DSR_IDENTITY_TYPES)
/** One of {@link OPEN_DSR_IDENTITY_TYPES}. */
export type OpenDsrIdentityType = (typeof OPEN_DSR_IDENTITY_TYPES)[number]

/** Every value the protocol allows for open dsr encodings, in the spec's order. */
export const OPEN_DSR_ENCODINGS = ['raw'] as const
/** The io-ts codec of `OpenDsrEncoding`: an unknown value is reported with the allowed ones. */
export const OpenDsrEncoding = enumOf('DSR identity encoding', OPEN_DSR_ENCODINGS)
/** One of {@link OPEN_DSR_ENCODINGS}. */
export type OpenDsrEncoding = (typeof OPEN_DSR_ENCODINGS)[number]

/** Every value the protocol allows for dsr, in the spec's order. */
export const DSR_TYPES = ['erasure'] as const
/** The io-ts codec of `DsrType`: an unknown value is reported with the allowed ones. */
export const DsrType = enumOf('DSR request type', DSR_TYPES)
/** One of {@link DSR_TYPES}. */
export type DsrType = (typeof DSR_TYPES)[number]

/** Every value the protocol allows for regulation, in the spec's order. */
export const REGULATION_TYPES = ['unknown', 'ccpa', 'gdpr'] as const
/** The io-ts codec of `RegulationType`: an unknown value is reported with the allowed ones. */
export const RegulationType = enumOf('regulation', REGULATION_TYPES)
/** One of {@link REGULATION_TYPES}. */
export type RegulationType = (typeof REGULATION_TYPES)[number]

/** Every value the protocol allows for audience actions, in the spec's order. */
export const AUDIENCE_ACTIONS = ['add', 'delete', 'attribute_update'] as const
/** The io-ts codec of `AudienceAction`: an unknown value is reported with the allowed ones. */
export const AudienceAction = enumOf('audience action', AUDIENCE_ACTIONS)
/** One of {@link AUDIENCE_ACTIONS}. */
export type AudienceAction = (typeof AUDIENCE_ACTIONS)[number]

/** Every value the protocol allows for subscription actions, in the spec's order. */
export const SUBSCRIPTION_ACTIONS = ['add', 'update', 'remove'] as const
/** The io-ts codec of `SubscriptionAction`: an unknown value is reported with the allowed ones. */
export const SubscriptionAction = enumOf('subscription action', SUBSCRIPTION_ACTIONS)
/** One of {@link SUBSCRIPTION_ACTIONS}. */
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number]

/** Every value the protocol allows for attribute actions, in the spec's order. */
export const ATTRIBUTE_ACTIONS = ['upsert', 'delete'] as const
/** The io-ts codec of `AttributeAction`: an unknown value is reported with the allowed ones. */
export const AttributeAction = enumOf('attribute action', ATTRIBUTE_ACTIONS)
/** One of {@link ATTRIBUTE_ACTIONS}. */
export type AttributeAction = (typeof ATTRIBUTE_ACTIONS)[number]

/** Every value the protocol allows for application states, in the spec's order. */
export const APPLICATION_STATES = ['install', 'upgrade', 'initialize', 'exit', 'background', 'foreground'] as const
/** The io-ts codec of `ApplicationState`: an unknown value is reported with the allowed ones. */
export const ApplicationState = enumOf('application state', APPLICATION_STATES)
/** One of {@link APPLICATION_STATES}. */
export type ApplicationState = (typeof APPLICATION_STATES)[number]

/** Every value the protocol allows for att authorization statuses, in the spec's order. */
export const ATT_AUTHORIZATION_STATUSES = ['authorized', 'denied', 'not_determined', 'restricted'] as const
/** The io-ts codec of `AttAuthorizationStatus`: an unknown value is reported with the allowed ones. */
export const AttAuthorizationStatus = enumOf('ATT authorization status', ATT_AUTHORIZATION_STATUSES)
/** One of {@link ATT_AUTHORIZATION_STATUSES}. */
export type AttAuthorizationStatus = (typeof ATT_AUTHORIZATION_STATUSES)[number]

/** Every value the protocol allows for custom event, in the spec's order. */
export const CUSTOM_EVENT_TYPES = ['unknown', 'navigation', 'location', 'search', 'transaction', 'user_content', 'user_preference', 'social', 'other', 'media'] as const
/** The io-ts codec of `CustomEventType`: an unknown value is reported with the allowed ones. */
export const CustomEventType = enumOf('custom event type', CUSTOM_EVENT_TYPES)
/** One of {@link CUSTOM_EVENT_TYPES}. */
export type CustomEventType = (typeof CUSTOM_EVENT_TYPES)[number]

/** Every value the protocol allows for privacy settings, in the spec's order. */
export const PRIVACY_SETTINGS = ['app_data_collection'] as const
/** The io-ts codec of `PrivacySetting`: an unknown value is reported with the allowed ones. */
export const PrivacySetting = enumOf('privacy setting', PRIVACY_SETTINGS)
/** One of {@link PRIVACY_SETTINGS}. */
export type PrivacySetting = (typeof PRIVACY_SETTINGS)[number]

/** Every value the protocol allows for product actions, in the spec's order. */
export const PRODUCT_ACTIONS = [
  'add_to_wishlist',
  'remove_from_wish_list',
  'add_to_cart',
  'remove_from_cart',
  'checkout',
  'purchase',
  'refund',
  'checkout_option',
  'click',
  'view_detail',
] as const
/** The io-ts codec of `ProductAction`: an unknown value is reported with the allowed ones. */
export const ProductAction = enumOf('product action', PRODUCT_ACTIONS)
/** One of {@link PRODUCT_ACTIONS}. */
export type ProductAction = (typeof PRODUCT_ACTIONS)[number]

/** Every value the protocol allows for promotion actions, in the spec's order. */
export const PROMOTION_ACTIONS = ['unknown', 'view', 'click'] as const
/** The io-ts codec of `PromotionAction`: an unknown value is reported with the allowed ones. */
export const PromotionAction = enumOf('promotion action', PROMOTION_ACTIONS)
/** One of {@link PROMOTION_ACTIONS}. */
export type PromotionAction = (typeof PROMOTION_ACTIONS)[number]

/** Every value the protocol allows for push subscription actions, in the spec's order. */
export const PUSH_SUBSCRIPTION_ACTIONS = ['subscribe', 'unsubscribe'] as const
/** The io-ts codec of `PushSubscriptionAction`: an unknown value is reported with the allowed ones. */
export const PushSubscriptionAction = enumOf('push subscription action', PUSH_SUBSCRIPTION_ACTIONS)
/** One of {@link PUSH_SUBSCRIPTION_ACTIONS}. */
export type PushSubscriptionAction = (typeof PUSH_SUBSCRIPTION_ACTIONS)[number]

/** Every value the protocol allows for grant, in the spec's order. */
export const GRANT_TYPES = ['authorization_code'] as const
/** The io-ts codec of `GrantType`: an unknown value is reported with the allowed ones. */
export const GrantType = enumOf('OAuth2 grant type', GRANT_TYPES)
/** One of {@link GRANT_TYPES}. */
export type GrantType = (typeof GRANT_TYPES)[number]

/** Every value the protocol allows for access token, in the spec's order. */
export const ACCESS_TOKEN_TYPES = ['bearer', 'custom_header'] as const
/** The io-ts codec of `AccessTokenType`: an unknown value is reported with the allowed ones. */
export const AccessTokenType = enumOf('OAuth2 access token type', ACCESS_TOKEN_TYPES)
/** One of {@link ACCESS_TOKEN_TYPES}. */
export type AccessTokenType = (typeof ACCESS_TOKEN_TYPES)[number]

/** Known `source_channel` values (an open set on the wire, so the field itself is a string). */
export const SOURCE_CHANNELS = ['unknown', 'native', 'javascript', 'pixel', 'partner', 'server_to_server'] as const

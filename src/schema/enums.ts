import { enumOf } from './primitives.js'

/** Every enum of Firehose 3.2.0 (`spec/enums.json`), values verbatim and case-sensitive. */

export const FIREHOSE_VERSION = '3.2.0'

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
export type MessageType = (typeof MESSAGE_TYPES)[number]

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
export type EventType = (typeof EVENT_TYPES)[number]
export const EventTypeCodec = enumOf<EventType>('event type', EVENT_TYPES)

export const RUNTIME_TYPES = ['unknown', 'android', 'ios', 'tvos', 'mobileweb', 'roku', 'xbox', 'firetv', 'alexa', 'smarttv'] as const
export type RuntimeType = (typeof RUNTIME_TYPES)[number]
export const RuntimeTypeCodec = enumOf<RuntimeType>('runtime environment type', RUNTIME_TYPES)

export const NOTIFICATION_TYPES = ['gdpr_consent_state', 'ccpa_consent_state'] as const
export type NotificationType = (typeof NOTIFICATION_TYPES)[number]
export const NotificationTypeCodec = enumOf<NotificationType>('system notification type', NOTIFICATION_TYPES)

export const SETTING_TYPES = ['text', 'integer', 'float', 'boolean'] as const
export type SettingType = (typeof SETTING_TYPES)[number]

export const AUTHENTICATION_TYPES = ['oauth2'] as const
export type AuthenticationType = (typeof AUTHENTICATION_TYPES)[number]

export const IDENTITY_ENCODINGS = ['raw', 'md5', 'sha1', 'sha256'] as const
export const IdentityEncoding = enumOf('identity encoding', IDENTITY_ENCODINGS)
export type IdentityEncoding = (typeof IDENTITY_ENCODINGS)[number]

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
export const UserIdentityType = enumOf('user identity type', USER_IDENTITY_TYPES)
export type UserIdentityType = (typeof USER_IDENTITY_TYPES)[number]

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
export const DeviceIdentityType = enumOf('device identity type', DEVICE_IDENTITY_TYPES)
export type DeviceIdentityType = (typeof DEVICE_IDENTITY_TYPES)[number]

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
export const OpenDsrIdentityType = enumOf('DSR identity type', OPEN_DSR_IDENTITY_TYPES)
export type OpenDsrIdentityType = (typeof OPEN_DSR_IDENTITY_TYPES)[number]

export const OPEN_DSR_ENCODINGS = ['raw'] as const
export const OpenDsrEncoding = enumOf('DSR identity encoding', OPEN_DSR_ENCODINGS)
export type OpenDsrEncoding = (typeof OPEN_DSR_ENCODINGS)[number]

export const DSR_TYPES = ['erasure'] as const
export const DsrType = enumOf('DSR request type', DSR_TYPES)
export type DsrType = (typeof DSR_TYPES)[number]

export const REGULATION_TYPES = ['unknown', 'ccpa', 'gdpr'] as const
export const RegulationType = enumOf('regulation', REGULATION_TYPES)
export type RegulationType = (typeof REGULATION_TYPES)[number]

export const AUDIENCE_ACTIONS = ['add', 'delete', 'attribute_update'] as const
export const AudienceAction = enumOf('audience action', AUDIENCE_ACTIONS)
export type AudienceAction = (typeof AUDIENCE_ACTIONS)[number]

export const SUBSCRIPTION_ACTIONS = ['add', 'update', 'remove'] as const
export const SubscriptionAction = enumOf('subscription action', SUBSCRIPTION_ACTIONS)
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number]

export const ATTRIBUTE_ACTIONS = ['upsert', 'delete'] as const
export const AttributeAction = enumOf('attribute action', ATTRIBUTE_ACTIONS)
export type AttributeAction = (typeof ATTRIBUTE_ACTIONS)[number]

export const APPLICATION_STATES = ['install', 'upgrade', 'initialize', 'exit', 'background', 'foreground'] as const
export const ApplicationState = enumOf('application state', APPLICATION_STATES)
export type ApplicationState = (typeof APPLICATION_STATES)[number]

export const ATT_AUTHORIZATION_STATUSES = ['authorized', 'denied', 'not_determined', 'restricted'] as const
export const AttAuthorizationStatus = enumOf('ATT authorization status', ATT_AUTHORIZATION_STATUSES)
export type AttAuthorizationStatus = (typeof ATT_AUTHORIZATION_STATUSES)[number]

export const CUSTOM_EVENT_TYPES = [
  'unknown',
  'navigation',
  'location',
  'search',
  'transaction',
  'user_content',
  'user_preference',
  'social',
  'other',
  'media',
] as const
export const CustomEventType = enumOf('custom event type', CUSTOM_EVENT_TYPES)
export type CustomEventType = (typeof CUSTOM_EVENT_TYPES)[number]

export const PRIVACY_SETTINGS = ['app_data_collection'] as const
export const PrivacySetting = enumOf('privacy setting', PRIVACY_SETTINGS)
export type PrivacySetting = (typeof PRIVACY_SETTINGS)[number]

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
export const ProductAction = enumOf('product action', PRODUCT_ACTIONS)
export type ProductAction = (typeof PRODUCT_ACTIONS)[number]

export const PROMOTION_ACTIONS = ['unknown', 'view', 'click'] as const
export const PromotionAction = enumOf('promotion action', PROMOTION_ACTIONS)
export type PromotionAction = (typeof PROMOTION_ACTIONS)[number]

export const PUSH_SUBSCRIPTION_ACTIONS = ['subscribe', 'unsubscribe'] as const
export const PushSubscriptionAction = enumOf('push subscription action', PUSH_SUBSCRIPTION_ACTIONS)
export type PushSubscriptionAction = (typeof PUSH_SUBSCRIPTION_ACTIONS)[number]

export const GRANT_TYPES = ['authorization_code'] as const
export const GrantType = enumOf('OAuth2 grant type', GRANT_TYPES)
export type GrantType = (typeof GRANT_TYPES)[number]

export const ACCESS_TOKEN_TYPES = ['bearer', 'custom_header'] as const
export const AccessTokenType = enumOf('OAuth2 access token type', ACCESS_TOKEN_TYPES)
export type AccessTokenType = (typeof ACCESS_TOKEN_TYPES)[number]

/** Known `source_channel` values (an open set on the wire, so the field itself is a string). */
export const SOURCE_CHANNELS = ['unknown', 'native', 'javascript', 'pixel', 'partner', 'server_to_server'] as const

import type * as t from 'io-ts'
import { array, model, opt, req, taggedUnion } from './codec.js'
import {
  AccessTokenType,
  DeviceIdentityType,
  DsrType,
  EventTypeCodec,
  GrantType,
  IdentityEncoding,
  NotificationTypeCodec,
  RuntimeTypeCodec,
  SETTING_TYPES,
  type SettingType,
  UserIdentityType,
} from './enums.js'
import { bool, describeValues, double, int32, int64, literal, nonEmptyStr, str } from './primitives.js'

/**
 * The encoder writes Java's always-written fields when absent: `visible` (true),
 * `required` / `confidential` (false), boolean `default_value` / `checked` (false).
 */
const setting = <T extends SettingType>(type: T) => ({
  type: req(literal(type)),
  id: req(nonEmptyStr),
  name: req(nonEmptyStr),
  description: opt(str),
  visible: opt(bool, { always: true }),
})

/** The io-ts codec of the protocol's `TextSetting`; the decoded type is the interface or type of the same name. */
export const TextSetting = model('TextSetting', {
  ...setting('text'),
  default_value: opt(str),
  required: opt(bool, { always: false }),
  confidential: opt(bool, { always: false }),
})
/** The protocol's `TextSetting`, as the codec of the same name decodes it. */
export interface TextSetting extends t.TypeOf<typeof TextSetting> {}

/** The io-ts codec of the protocol's `IntegerSetting`; the decoded type is the interface or type of the same name. */
export const IntegerSetting = model('IntegerSetting', {
  ...setting('integer'),
  default_value: opt(int64),
  min_value: opt(int64),
  max_value: opt(int64),
  required: opt(bool, { always: false }),
})
/** The protocol's `IntegerSetting`, as the codec of the same name decodes it. */
export interface IntegerSetting extends t.TypeOf<typeof IntegerSetting> {}

/** The io-ts codec of the protocol's `FloatSetting`; the decoded type is the interface or type of the same name. */
export const FloatSetting = model('FloatSetting', {
  ...setting('float'),
  default_value: opt(double),
  min_value: opt(double),
  max_value: opt(double),
  required: opt(bool, { always: false }),
})
/** The protocol's `FloatSetting`, as the codec of the same name decodes it. */
export interface FloatSetting extends t.TypeOf<typeof FloatSetting> {}

/** The io-ts codec of the protocol's `BooleanSetting`; the decoded type is the interface or type of the same name. */
export const BooleanSetting = model('BooleanSetting', {
  ...setting('boolean'),
  default_value: opt(bool, { always: false }),
  checked: opt(bool, { always: false }),
})
/** The protocol's `BooleanSetting`, as the codec of the same name decodes it. */
export interface BooleanSetting extends t.TypeOf<typeof BooleanSetting> {}

/** Every value the protocol allows for setting codecs, in the spec's order. */
export const SETTING_CODECS = {
  text: TextSetting,
  integer: IntegerSetting,
  float: FloatSetting,
  boolean: BooleanSetting,
} as const satisfies Record<SettingType, unknown>

/** The io-ts codec of the protocol's `Setting`; the decoded type is the interface or type of the same name. */
export const Setting = taggedUnion('Setting', 'type', SETTING_CODECS, describeValues('setting type', SETTING_TYPES))
/** Any `Setting` of the protocol: a union of named interfaces, narrowed on its tag. */
export type Setting = t.TypeOf<typeof Setting>
/** Any `SettingByType` of the protocol: a union of named interfaces, narrowed on its tag. */
export type SettingByType = { [K in SettingType]: t.TypeOf<(typeof SETTING_CODECS)[K]> }

/** `required` is always written (false when absent). */
export const UserIdentityPermission = model('UserIdentityPermission', {
  type: req(UserIdentityType),
  encoding: req(IdentityEncoding),
  required: opt(bool, { always: false }),
})
/** The protocol's `UserIdentityPermission`, as the codec of the same name decodes it. */
export interface UserIdentityPermission extends t.TypeOf<typeof UserIdentityPermission> {}

/** The io-ts codec of the protocol's `DeviceIdentityPermission`; the decoded type is the interface or type of the same name. */
export const DeviceIdentityPermission = model('DeviceIdentityPermission', {
  type: req(DeviceIdentityType),
  encoding: req(IdentityEncoding),
  required: opt(bool, { always: false }),
})
/** The protocol's `DeviceIdentityPermission`, as the codec of the same name decodes it. */
export interface DeviceIdentityPermission extends t.TypeOf<typeof DeviceIdentityPermission> {}

/** The io-ts codec of the protocol's `PartnerIdentityPermission`; the decoded type is the interface or type of the same name. */
export const PartnerIdentityPermission = model('PartnerIdentityPermission', {
  type: req(nonEmptyStr),
  encoding: req(IdentityEncoding),
  required: opt(bool, { always: false }),
})
/** The protocol's `PartnerIdentityPermission`, as the codec of the same name decodes it. */
export interface PartnerIdentityPermission extends t.TypeOf<typeof PartnerIdentityPermission> {}

const allow = opt(bool, { ifTrue: true })

/** The `allow_*` flags are written only when true (Java `NON_DEFAULT`). */
export const Permissions = model('Permissions', {
  device_identities: opt(array(DeviceIdentityPermission)),
  user_identities: opt(array(UserIdentityPermission)),
  partner_identities: opt(array(PartnerIdentityPermission)),
  allow_access_location: allow,
  allow_access_ip_address: allow,
  allow_access_device_application_stamp: allow,
  allow_device_info: allow,
  allow_user_attributes: allow,
  allow_consent_state: allow,
  allow_audience_user_attributes: allow,
  allow_access_http_user_agent: allow,
  allow_access_mpid: allow,
  allow_platform_fields: allow,
  allow_eventless_batches: allow,
})
/** The protocol's `Permissions`, as the codec of the same name decodes it. */
export interface Permissions extends t.TypeOf<typeof Permissions> {}

/** The io-ts codec of the protocol's `ScopeDetail`; the decoded type is the interface or type of the same name. */
export const ScopeDetail = model('ScopeDetail', { name: req(str), description: req(str) })
/** The protocol's `ScopeDetail`, as the codec of the same name decodes it. */
export interface ScopeDetail extends t.TypeOf<typeof ScopeDetail> {}

/** The io-ts codec of the protocol's `OAuth2Authentication`; the decoded type is the interface or type of the same name. */
export const OAuth2Authentication = model('OAuth2Authentication', {
  type: req(literal('oauth2')),
  authorization_url: req(str),
  refresh_url: opt(str),
  token_url: req(str),
  grant_type: opt(GrantType),
  default_expires_in: opt(int32),
  client_id: opt(str),
  access_token_type: opt(AccessTokenType),
  custom_header_name: opt(str),
  param_client_id_name: opt(str),
  param_secret_name: opt(str),
  scopes: opt(array(ScopeDetail)),
})
/** The protocol's `OAuth2Authentication`, as the codec of the same name decodes it. */
export interface OAuth2Authentication extends t.TypeOf<typeof OAuth2Authentication> {}

/** The io-ts codec of the protocol's `AuthenticationConfiguration`; the decoded type is the interface or type of the same name. */
export const AuthenticationConfiguration = taggedUnion('AuthenticationConfiguration', 'type', { oauth2: OAuth2Authentication }, 'one of "oauth2"')
/** The protocol's `AuthenticationConfiguration`, as the codec of the same name decodes it. */
export interface AuthenticationConfiguration extends t.TypeOf<typeof AuthenticationConfiguration> {}

/** `max_data_age_hours` is always written (24 when absent, Java's default; -1 = all data). */
export const EventProcessingRegistration = model('EventProcessingRegistration', {
  account_settings: opt(array(Setting)),
  event_connection_settings: opt(array(Setting)),
  supported_event_types: opt(array(EventTypeCodec)),
  supported_runtime_environments: opt(array(RuntimeTypeCodec)),
  supported_system_notification_types: opt(array(NotificationTypeCodec)),
  max_data_age_hours: opt(int32, { always: 24 }),
  push_messaging_provider_id: opt(str),
  authentication: opt(AuthenticationConfiguration),
})
/** The protocol's `EventProcessingRegistration`, as the codec of the same name decodes it. */
export interface EventProcessingRegistration extends t.TypeOf<typeof EventProcessingRegistration> {}

/** The io-ts codec of the protocol's `BulkConfiguration`; the decoded type is the interface or type of the same name. */
export const BulkConfiguration = model('BulkConfiguration', {
  bulk_forward_wait_for_messages: opt(int32),
  bulk_forward_wait_in_minutes: opt(int32),
})
/** The protocol's `BulkConfiguration`, as the codec of the same name decodes it. */
export interface BulkConfiguration extends t.TypeOf<typeof BulkConfiguration> {}

/** The io-ts codec of the protocol's `AudienceProcessingRegistration`; the decoded type is the interface or type of the same name. */
export const AudienceProcessingRegistration = model('AudienceProcessingRegistration', {
  account_settings: opt(array(Setting)),
  authentication: opt(AuthenticationConfiguration),
  bulk_configuration: opt(BulkConfiguration),
  audience_subscription_settings: opt(array(Setting)),
})
/** The protocol's `AudienceProcessingRegistration`, as the codec of the same name decodes it. */
export interface AudienceProcessingRegistration extends t.TypeOf<typeof AudienceProcessingRegistration> {}

/** The io-ts codec of the protocol's `DsrProcessingRegistration`; the decoded type is the interface or type of the same name. */
export const DsrProcessingRegistration = model('DsrProcessingRegistration', {
  account_settings: opt(array(Setting)),
  supported_dsr_types: opt(array(DsrType)),
  domain: opt(str),
})
/** The protocol's `DsrProcessingRegistration`, as the codec of the same name decodes it. */
export interface DsrProcessingRegistration extends t.TypeOf<typeof DsrProcessingRegistration> {}

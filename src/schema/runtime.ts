import type * as t from 'io-ts'
import { array, map, model, opt, req, taggedUnion } from './codec.js'
import { AttAuthorizationStatus, RUNTIME_TYPES, type RuntimeType } from './enums.js'
import { DeviceIdentity } from './identities.js'
import { bool, boolOrString, enumOf, int32, int64, literal, str, describeValues } from './primitives.js'

/** Fields common to every runtime environment. */
const common = {
  is_debug: opt(bool, { ifTrue: true }),
  client_ip_address: opt(str),
  sdk_version: opt(str),
  http_header_user_agent: opt(str),
  identities: opt(array(DeviceIdentity)),
  build_id: opt(str),
  brand: opt(str),
  product: opt(str),
  name: opt(str),
  os_version: opt(str),
  locale_language: opt(str),
  locale_country: opt(str),
  timezone_offset: opt(int32),
}
const device = { manufacturer: opt(str), model: opt(str), country: opt(str) }
const screen = { screen_height: opt(int32), screen_width: opt(int32) }
const network = {
  network_country: opt(str),
  network_carrier: opt(str),
  network_code: opt(str),
  network_mobile_country_code: opt(str),
}
const application = { application_name: opt(str), application_version: opt(str), application_package: opt(str) }
const androidish = {
  screen_dpi: opt(int32),
  is_tablet: opt(bool),
  supports_telephony: opt(bool),
  has_nfc: opt(bool),
  bluetooth_enabled: opt(bool),
  bluetooth_version: opt(str),
}
const att = { att_authorization_status: opt(AttAuthorizationStatus), att_timestamp_unixtime_ms: opt(int64) }

/** `unknown`, `smarttv` and `alexa`: one shape; unlike Java, the type is kept as sent. */
export const GenericRuntimeEnvironment = model('GenericRuntimeEnvironment', {
  type: req(enumOf('generic runtime type', ['unknown', 'smarttv', 'alexa'] as const)),
  ...common,
  ...device,
  ...screen,
  ...androidish,
  timezone_name: opt(str),
  ...application,
})
/** The protocol's `GenericRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface GenericRuntimeEnvironment extends t.TypeOf<typeof GenericRuntimeEnvironment> {}

/** The io-ts codec of the protocol's `AndroidRuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const AndroidRuntimeEnvironment = model('AndroidRuntimeEnvironment', {
  type: req(literal('android')),
  ...common,
  ...device,
  ...screen,
  ...network,
  ...androidish,
  timezone_name: opt(str),
  android_sdk_level: opt(int32),
  install_referrer: opt(str),
  ...application,
})
/** The protocol's `AndroidRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface AndroidRuntimeEnvironment extends t.TypeOf<typeof AndroidRuntimeEnvironment> {}

/** The io-ts codec of the protocol's `IosRuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const IosRuntimeEnvironment = model('IosRuntimeEnvironment', {
  type: req(literal('ios')),
  ...common,
  ...device,
  ...screen,
  ...network,
  timezone_name: opt(str),
  cpu_architecture: opt(str),
  is_tablet: opt(bool),
  radio_access_technology: opt(str),
  is_sandboxed: opt(bool),
  /** Keyed by Apple attribution version (`"Version3.1"`), then by `iad-*` key. */
  apple_search_ads_attribution: opt(map(map(str))),
  ...att,
  ...application,
})
/** The protocol's `IosRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface IosRuntimeEnvironment extends t.TypeOf<typeof IosRuntimeEnvironment> {}

/** The io-ts codec of the protocol's `TvosRuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const TvosRuntimeEnvironment = model('TvosRuntimeEnvironment', {
  type: req(literal('tvos')),
  ...common,
  ...device,
  ...screen,
  timezone_name: opt(str),
  cpu_architecture: opt(str),
  ...att,
  ...application,
})
/** The protocol's `TvosRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface TvosRuntimeEnvironment extends t.TypeOf<typeof TvosRuntimeEnvironment> {}

/**
 * `mobileweb`. `is_dst` and `limit_ad_tracking` are strings in Java but booleans on the wire, so
 * both are accepted. `application_name` is not in the Java model but real payloads carry it.
 */
export const WebRuntimeEnvironment = model('WebRuntimeEnvironment', {
  type: req(literal('mobileweb')),
  ...common,
  device_manufacturer: opt(str),
  device_model: opt(str),
  device_country: opt(str),
  ...screen,
  screen_dpi: opt(int32),
  ...network,
  is_tablet: opt(bool),
  radio_access_technology: opt(str),
  push_token: opt(str),
  limit_ad_tracking: opt(boolOrString),
  is_dst: opt(boolOrString),
  application_name: opt(str),
})
/** The protocol's `WebRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface WebRuntimeEnvironment extends t.TypeOf<typeof WebRuntimeEnvironment> {}

/** The io-ts codec of the protocol's `RokuRuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const RokuRuntimeEnvironment = model('RokuRuntimeEnvironment', {
  type: req(literal('roku')),
  ...common,
  ...device,
  timezone_name: opt(str),
  cpu_architecture: opt(str),
  ...application,
})
/** The protocol's `RokuRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface RokuRuntimeEnvironment extends t.TypeOf<typeof RokuRuntimeEnvironment> {}

/** The io-ts codec of the protocol's `XboxRuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const XboxRuntimeEnvironment = model('XboxRuntimeEnvironment', {
  type: req(literal('xbox')),
  ...common,
  ...device,
  ...screen,
  timezone_name: opt(str),
  cpu_architecture: opt(str),
  ...application,
})
/** The protocol's `XboxRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface XboxRuntimeEnvironment extends t.TypeOf<typeof XboxRuntimeEnvironment> {}

/** The io-ts codec of the protocol's `FireTvRuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const FireTvRuntimeEnvironment = model('FireTvRuntimeEnvironment', {
  type: req(literal('firetv')),
  ...common,
  ...device,
  ...screen,
  timezone_name: opt(str),
  cpu_architecture: opt(str),
  ...application,
})
/** The protocol's `FireTvRuntimeEnvironment`, as the codec of the same name decodes it. */
export interface FireTvRuntimeEnvironment extends t.TypeOf<typeof FireTvRuntimeEnvironment> {}

/** Every value the protocol allows for runtime codecs, in the spec's order. */
export const RUNTIME_CODECS = {
  unknown: GenericRuntimeEnvironment,
  smarttv: GenericRuntimeEnvironment,
  alexa: GenericRuntimeEnvironment,
  android: AndroidRuntimeEnvironment,
  ios: IosRuntimeEnvironment,
  tvos: TvosRuntimeEnvironment,
  mobileweb: WebRuntimeEnvironment,
  roku: RokuRuntimeEnvironment,
  xbox: XboxRuntimeEnvironment,
  firetv: FireTvRuntimeEnvironment,
} as const satisfies Record<RuntimeType, unknown>

/** The io-ts codec of the protocol's `RuntimeEnvironment`; the decoded type is the interface or type of the same name. */
export const RuntimeEnvironment = taggedUnion('RuntimeEnvironment', 'type', RUNTIME_CODECS, describeValues('runtime environment type', RUNTIME_TYPES))
/** Any `RuntimeEnvironment` of the protocol: a union of named interfaces, narrowed on its tag. */
export type RuntimeEnvironment = t.TypeOf<typeof RuntimeEnvironment>
/** Any `RuntimeByType` of the protocol: a union of named interfaces, narrowed on its tag. */
export type RuntimeByType = { [K in RuntimeType]: Extract<RuntimeEnvironment, { type: K }> }

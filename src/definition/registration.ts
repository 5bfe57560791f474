import type { DeviceIdentityType, EventType, IdentityEncoding, NotificationType, RuntimeType, UserIdentityType } from '../schema/index.js'
import { FIREHOSE_VERSION } from '../schema/index.js'
import type { AnySetting, BooleanSettingOptions, NumberSettingOptions, SettingsDeclaration, TextSettingOptions } from './settings.js'

/** One identity the integration asks mParticle to send, and whether it is required. */
export interface IdentityPermissionDeclaration<T extends string> {
  readonly type: T
  /** `raw` unless said otherwise. */
  readonly encoding?: IdentityEncoding
  readonly required?: boolean
}

/** The data the integration asks mParticle for: identities, device ids, location, IP, MPID. */
export interface PermissionsDeclaration {
  readonly userIdentities?: ReadonlyArray<IdentityPermissionDeclaration<UserIdentityType>>
  readonly deviceIdentities?: ReadonlyArray<IdentityPermissionDeclaration<DeviceIdentityType>>
  /** At most one, by mParticle's rules; its name cannot change once registered. */
  readonly partnerIdentities?: ReadonlyArray<IdentityPermissionDeclaration<string>>
  readonly allowLocation?: boolean
  readonly allowIpAddress?: boolean
  readonly allowDeviceApplicationStamp?: boolean
  readonly allowDeviceInfo?: boolean
  readonly allowUserAttributes?: boolean
  readonly allowConsentState?: boolean
  readonly allowAudienceUserAttributes?: boolean
  readonly allowHttpUserAgent?: boolean
  readonly allowMpid?: boolean
  readonly allowPlatformFields?: boolean
  readonly allowEventlessBatches?: boolean
}

/** OAuth 2 settings mParticle uses to obtain a token for the customer. */
export interface OAuth2Declaration {
  readonly type: 'oauth2'
  readonly authorizationUrl: string
  readonly tokenUrl: string
  readonly refreshUrl?: string
  readonly grantType?: 'authorization_code'
  readonly defaultExpiresIn?: number
  readonly clientId?: string
  readonly accessTokenType?: 'bearer' | 'custom_header'
  readonly customHeaderName?: string
  readonly paramClientIdName?: string
  readonly paramSecretName?: string
  readonly scopes?: ReadonlyArray<{ readonly name: string; readonly description: string }>
}

/** Event support: the event types received, their settings, notifications and age limit. */
export interface EventsDeclaration {
  readonly settings?: SettingsDeclaration
  readonly connectionSettings?: SettingsDeclaration
  readonly types?: ReadonlyArray<EventType>
  readonly runtimes?: ReadonlyArray<RuntimeType>
  readonly notifications?: ReadonlyArray<NotificationType>
  /** mParticle's default is 24; `-1` means all data. Events older than this are skipped. */
  readonly maxDataAgeHours?: number
  readonly pushMessagingProviderId?: string
  readonly authentication?: OAuth2Declaration
}

/** Audience support: account settings and the per-audience subscription settings. */
export interface AudiencesDeclaration {
  readonly settings?: SettingsDeclaration
  readonly subscriptionSettings?: SettingsDeclaration
  readonly bulk?: { readonly waitForMessages?: number; readonly waitInMinutes?: number }
  readonly authentication?: OAuth2Declaration
}

/** Erasure (and other data subject) request support: settings and the request types handled. */
export interface DsrDeclaration {
  readonly settings?: SettingsDeclaration
  readonly types?: ReadonlyArray<'erasure'>
  readonly domain?: string
}

/** The integration's registration: name, version, and what it supports, answered to mParticle as `module_registration_response`. */
export interface RegistrationDeclaration {
  readonly name: string
  readonly version: string
  /** Inline HTML allowed; mParticle asks for fewer than 230 characters. */
  readonly description?: string
  readonly permissions?: PermissionsDeclaration
  readonly events?: EventsDeclaration
  readonly audiences?: AudiencesDeclaration
  readonly dsr?: DsrDeclaration
}

export const MAX_DESCRIPTION_LENGTH = 230
const DEFAULT_MAX_DATA_AGE_HOURS = 24

type Json = Record<string, unknown>

const settingJson = (id: string, definition: AnySetting): Json => {
  const { name, description, visible } = definition.options
  const base: Json = { type: definition.kind, id, name }
  if (description) base.description = description
  base.visible = visible ?? true
  switch (definition.kind) {
    case 'text': {
      const options = definition.options as TextSettingOptions
      if (options.default !== undefined && options.default !== '') base.default_value = options.default
      base.required = options.required ?? false
      base.confidential = options.confidential ?? false
      return base
    }
    case 'integer':
    case 'float': {
      const options = definition.options as NumberSettingOptions
      if (options.default !== undefined) base.default_value = options.default
      if (options.min !== undefined) base.min_value = options.min
      if (options.max !== undefined) base.max_value = options.max
      base.required = options.required ?? false
      return base
    }
    case 'boolean': {
      const value = (definition.options as BooleanSettingOptions).default ?? false
      base.default_value = value
      base.checked = value
      return base
    }
  }
}

const settingsJson = (declared: SettingsDeclaration | undefined): Json[] | undefined => {
  const list = Object.entries(declared ?? {}).map(([id, definition]) => settingJson(id, definition))
  return list.length > 0 ? list : undefined
}

const identityPermissions = (list: ReadonlyArray<IdentityPermissionDeclaration<string>> | undefined): Json[] | undefined =>
  list && list.length > 0 ? list.map((p) => ({ type: p.type, encoding: p.encoding ?? 'raw', required: p.required ?? false })) : undefined

const FLAGS: ReadonlyArray<readonly [keyof PermissionsDeclaration, string]> = [
  ['allowLocation', 'allow_access_location'],
  ['allowIpAddress', 'allow_access_ip_address'],
  ['allowDeviceApplicationStamp', 'allow_access_device_application_stamp'],
  ['allowDeviceInfo', 'allow_device_info'],
  ['allowUserAttributes', 'allow_user_attributes'],
  ['allowConsentState', 'allow_consent_state'],
  ['allowAudienceUserAttributes', 'allow_audience_user_attributes'],
  ['allowHttpUserAgent', 'allow_access_http_user_agent'],
  ['allowMpid', 'allow_access_mpid'],
  ['allowPlatformFields', 'allow_platform_fields'],
  ['allowEventlessBatches', 'allow_eventless_batches'],
]

const permissionsJson = (permissions: PermissionsDeclaration): Json => {
  const out: Json = {}
  const user = identityPermissions(permissions.userIdentities)
  const device = identityPermissions(permissions.deviceIdentities)
  const partner = identityPermissions(permissions.partnerIdentities)
  if (device) out.device_identities = device
  if (user) out.user_identities = user
  if (partner) out.partner_identities = partner
  for (const [flag, json] of FLAGS) if (permissions[flag] === true) out[json] = true
  return out
}

const authenticationJson = (auth: OAuth2Declaration): Json => {
  const out: Json = { type: 'oauth2', authorization_url: auth.authorizationUrl, token_url: auth.tokenUrl }
  const optional: ReadonlyArray<readonly [unknown, string]> = [
    [auth.refreshUrl, 'refresh_url'],
    [auth.grantType, 'grant_type'],
    [auth.defaultExpiresIn, 'default_expires_in'],
    [auth.clientId, 'client_id'],
    [auth.accessTokenType, 'access_token_type'],
    [auth.customHeaderName, 'custom_header_name'],
    [auth.paramClientIdName, 'param_client_id_name'],
    [auth.paramSecretName, 'param_secret_name'],
  ]
  for (const [value, key] of optional) if (value !== undefined && value !== '') out[key] = value
  if (auth.scopes && auth.scopes.length > 0) out.scopes = auth.scopes.map((s) => ({ name: s.name, description: s.description }))
  return out
}

const assign = (target: Json, key: string, value: unknown): void => {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return
  target[key] = value
}

/**
 * The body of the `module_registration_response` described by a declaration, without
 * the envelope (`type`, `id`, `timestamp_ms`), which the runtime adds per request.
 */
export const registrationBody = (registration: RegistrationDeclaration): Json => {
  const out: Json = { firehose_version: FIREHOSE_VERSION, sdk_version: FIREHOSE_VERSION, name: registration.name }
  assign(out, 'description', registration.description)
  out.version = registration.version
  if (registration.permissions) {
    const permissions = permissionsJson(registration.permissions)
    if (Object.keys(permissions).length > 0) out.permissions = permissions
  }
  const events = registration.events
  if (events) {
    const e: Json = {}
    assign(e, 'account_settings', settingsJson(events.settings))
    assign(e, 'event_connection_settings', settingsJson(events.connectionSettings))
    assign(e, 'supported_event_types', events.types && [...events.types])
    assign(e, 'supported_runtime_environments', events.runtimes && [...events.runtimes])
    assign(e, 'supported_system_notification_types', events.notifications && [...events.notifications])
    e.max_data_age_hours = events.maxDataAgeHours ?? DEFAULT_MAX_DATA_AGE_HOURS
    assign(e, 'push_messaging_provider_id', events.pushMessagingProviderId)
    if (events.authentication) e.authentication = authenticationJson(events.authentication)
    out.event_processing_registration = e
  }
  const audiences = registration.audiences
  if (audiences) {
    const a: Json = {}
    assign(a, 'account_settings', settingsJson(audiences.settings))
    if (audiences.authentication) a.authentication = authenticationJson(audiences.authentication)
    if (audiences.bulk) {
      const bulk: Json = {}
      assign(bulk, 'bulk_forward_wait_for_messages', audiences.bulk.waitForMessages)
      assign(bulk, 'bulk_forward_wait_in_minutes', audiences.bulk.waitInMinutes)
      a.bulk_configuration = bulk
    }
    assign(a, 'audience_subscription_settings', settingsJson(audiences.subscriptionSettings))
    out.audience_processing_registration = a
  }
  const dsr = registration.dsr
  if (dsr) {
    const d: Json = {}
    assign(d, 'account_settings', settingsJson(dsr.settings))
    assign(d, 'supported_dsr_types', dsr.types && [...dsr.types])
    assign(d, 'domain', dsr.domain)
    out.dsr_processing_registration = d
  }
  return out
}

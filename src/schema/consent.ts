import type * as t from 'io-ts'
import { map, model, opt, req, taggedUnion } from './codec.js'
import { NOTIFICATION_TYPES, type NotificationType } from './enums.js'
import { bool, describeValues, int32, int64, literal, requiredText, str } from './primitives.js'

/** Java reads a missing `consented` as false; strict mode requires it. */
const consentFields = {
  consented: opt(bool, { strict: true }),
  document: opt(str),
  timestamp_unixtime_ms: opt(int64),
  location: opt(str),
  hardware_id: opt(str),
}

export const GdprConsent = model('GdprConsent', consentFields)
export type GdprConsent = t.TypeOf<typeof GdprConsent>

export const CcpaConsent = model('CcpaConsent', consentFields)
export type CcpaConsent = t.TypeOf<typeof CcpaConsent>

/** Keyed by purpose: customer-defined for GDPR, normally `data_sale_opt_out` for CCPA. */
export const ConsentState = model('ConsentState', {
  gdpr_consent_state: opt(map(GdprConsent)),
  ccpa_consent_state: opt(map(CcpaConsent)),
})
export type ConsentState = t.TypeOf<typeof ConsentState>

export const GdprConsentStateNotification = model('GdprConsentStateNotification', {
  type: req(literal('gdpr_consent_state')),
  purpose: req(requiredText),
  old_gdpr_consent_state: opt(GdprConsent),
  new_gdpr_consent_state: opt(GdprConsent),
})
export type GdprConsentStateNotification = t.TypeOf<typeof GdprConsentStateNotification>

/** `purpose` is optional here; Java assumes `data_sale_opt_out` when it is missing. */
export const CcpaConsentStateNotification = model('CcpaConsentStateNotification', {
  type: req(literal('ccpa_consent_state')),
  purpose: opt(str),
  old_ccpa_consent_state: opt(CcpaConsent),
  new_ccpa_consent_state: opt(CcpaConsent),
})
export type CcpaConsentStateNotification = t.TypeOf<typeof CcpaConsentStateNotification>

export const NOTIFICATION_CODECS = {
  gdpr_consent_state: GdprConsentStateNotification,
  ccpa_consent_state: CcpaConsentStateNotification,
} as const satisfies Record<NotificationType, unknown>

export const SystemNotification = taggedUnion(
  'SystemNotification',
  'type',
  NOTIFICATION_CODECS,
  describeValues('system notification type', NOTIFICATION_TYPES),
)
export type SystemNotification = t.TypeOf<typeof SystemNotification>
export type NotificationByType = { [K in NotificationType]: t.TypeOf<(typeof NOTIFICATION_CODECS)[K]> }

export const PlatformFields = model('PlatformFields', {
  mp_account_id: opt(int32),
  mp_account_name: opt(str),
  workspace_id: opt(int32),
  workspace_name: opt(str),
  input_name: opt(str),
  app_name: opt(str),
  app_version: opt(str),
  dataplan_id: opt(str),
  dataplan_name: opt(str),
  dataplan_version: opt(int32),
})
export type PlatformFields = t.TypeOf<typeof PlatformFields>

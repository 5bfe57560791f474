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

/** The io-ts codec of the protocol's `GdprConsent`; the decoded type is the interface or type of the same name. */
export const GdprConsent = model('GdprConsent', consentFields)
/** The protocol's `GdprConsent`, as the codec of the same name decodes it. */
export interface GdprConsent extends t.TypeOf<typeof GdprConsent> {}

/** The io-ts codec of the protocol's `CcpaConsent`; the decoded type is the interface or type of the same name. */
export const CcpaConsent = model('CcpaConsent', consentFields)
/** The protocol's `CcpaConsent`, as the codec of the same name decodes it. */
export interface CcpaConsent extends t.TypeOf<typeof CcpaConsent> {}

/** Keyed by purpose: customer-defined for GDPR, normally `data_sale_opt_out` for CCPA. */
export const ConsentState = model('ConsentState', {
  gdpr_consent_state: opt(map(GdprConsent)),
  ccpa_consent_state: opt(map(CcpaConsent)),
})
/** The protocol's `ConsentState`, as the codec of the same name decodes it. */
export interface ConsentState extends t.TypeOf<typeof ConsentState> {}

/** The io-ts codec of the protocol's `GdprConsentStateNotification`; the decoded type is the interface or type of the same name. */
export const GdprConsentStateNotification = model('GdprConsentStateNotification', {
  type: req(literal('gdpr_consent_state')),
  purpose: req(requiredText),
  old_gdpr_consent_state: opt(GdprConsent),
  new_gdpr_consent_state: opt(GdprConsent),
})
/** The protocol's `GdprConsentStateNotification`, as the codec of the same name decodes it. */
export interface GdprConsentStateNotification extends t.TypeOf<typeof GdprConsentStateNotification> {}

/** `purpose` is optional here; Java assumes `data_sale_opt_out` when it is missing. */
export const CcpaConsentStateNotification = model('CcpaConsentStateNotification', {
  type: req(literal('ccpa_consent_state')),
  purpose: opt(str),
  old_ccpa_consent_state: opt(CcpaConsent),
  new_ccpa_consent_state: opt(CcpaConsent),
})
/** The protocol's `CcpaConsentStateNotification`, as the codec of the same name decodes it. */
export interface CcpaConsentStateNotification extends t.TypeOf<typeof CcpaConsentStateNotification> {}

/** Every value the protocol allows for notification codecs, in the spec's order. */
export const NOTIFICATION_CODECS = {
  gdpr_consent_state: GdprConsentStateNotification,
  ccpa_consent_state: CcpaConsentStateNotification,
} as const satisfies Record<NotificationType, unknown>

/** The io-ts codec of the protocol's `SystemNotification`; the decoded type is the interface or type of the same name. */
export const SystemNotification = taggedUnion('SystemNotification', 'type', NOTIFICATION_CODECS, describeValues('system notification type', NOTIFICATION_TYPES))
/** `NotificationByType['gdpr_consent_state']` is `GdprConsentStateNotification`, named in type errors. */
export interface NotificationByType {
  readonly gdpr_consent_state: GdprConsentStateNotification
  readonly ccpa_consent_state: CcpaConsentStateNotification
}
/** Any `SystemNotification` of the protocol: a union of named interfaces, narrowed on its tag. */
export type SystemNotification = NotificationByType[NotificationType]

/** The io-ts codec of the protocol's `PlatformFields`; the decoded type is the interface or type of the same name. */
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
/** The protocol's `PlatformFields`, as the codec of the same name decodes it. */
export interface PlatformFields extends t.TypeOf<typeof PlatformFields> {}

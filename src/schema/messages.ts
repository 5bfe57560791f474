import type * as t from 'io-ts'
import { itemArray, map, model, nullable, opt, req, taggedUnion, array } from './codec.js'
import { UserProfile } from './audience.js'
import { ConsentState, PlatformFields, SystemNotification } from './consent.js'
import { OpenDsrIdentity } from './dsr.js'
import { DsrType, FIREHOSE_VERSION, MESSAGE_TYPES, type MessageType, OpenDsrIdentityType, RegulationType, SubscriptionAction } from './enums.js'
import { Event } from './events.js'
import { Account, PartnerIdentity, UserIdentity } from './identities.js'
import { bool, describeValues, instant, uuid, int32, int64, literal, nonEmptyStr, requiredText, str } from './primitives.js'
import { AudienceProcessingRegistration, DsrProcessingRegistration, EventProcessingRegistration, Permissions } from './registration.js'
import { RuntimeEnvironment } from './runtime.js'

/**
 * The envelope. `type`, `id` and `timestamp_ms` are required in both modes (nothing is invented,
 * unlike Java). `id` is a UUID in strict mode; lenient mode keeps any other string and reports it. `firehose_version` is required by the spec (strict) and written as "3.2.0" by the
 * encoder when absent.
 */
const envelope = <T extends MessageType>(type: T) => ({
  type: req(literal(type)),
  id: req(uuid),
  timestamp_ms: req(int64),
  firehose_version: opt(str, { strict: true, always: FIREHOSE_VERSION }),
})

/** Lenient mode: an `account` that is not an object is fatal; one that fails inside is dropped. */
const account = opt(Account, { strict: true, container: 'object' })
const tolerant = { tolerant: true } as const

/** The io-ts codec of the protocol's `ModuleRegistrationRequest`; the decoded type is the interface or type of the same name. */
export const ModuleRegistrationRequest = model('ModuleRegistrationRequest', envelope('module_registration_request'), tolerant)
/** The protocol's `ModuleRegistrationRequest`, as the codec of the same name decodes it. */
export interface ModuleRegistrationRequest extends t.TypeOf<typeof ModuleRegistrationRequest> {}

/** The io-ts codec of the protocol's `ModuleRegistrationResponse`; the decoded type is the interface or type of the same name. */
export const ModuleRegistrationResponse = model(
  'ModuleRegistrationResponse',
  {
    ...envelope('module_registration_response'),
    /** Always written; "3.2.0" when absent (the Java SDK level this kit is wire-compatible with). */
    sdk_version: opt(str, { always: FIREHOSE_VERSION }),
    name: opt(nonEmptyStr, { strict: true }),
    description: opt(str),
    version: opt(nonEmptyStr, { strict: true }),
    permissions: opt(Permissions),
    event_processing_registration: opt(EventProcessingRegistration),
    audience_processing_registration: opt(AudienceProcessingRegistration),
    dsr_processing_registration: opt(DsrProcessingRegistration),
  },
  tolerant,
)
/** The protocol's `ModuleRegistrationResponse`, as the codec of the same name decodes it. */
export interface ModuleRegistrationResponse extends t.TypeOf<typeof ModuleRegistrationResponse> {}

/**
 * After decoding, `events` is always present (a missing or null `events` is `[]`), and an
 * event that cannot be decoded is an `InvalidItem` in its place (lenient mode). `mpid` is the
 * decimal text of a 64-bit id and stays a string.
 */
export const EventProcessingRequest = model(
  'EventProcessingRequest',
  {
    ...envelope('event_processing_request'),
    source_id: opt(str),
    account,
    partner_identities: opt(array(PartnerIdentity)),
    user_identities: opt(array(UserIdentity)),
    /** `null` values are tag-style attributes; they are kept (Java drops them on re-encode). */
    user_attributes: opt(map(nullable(str))),
    user_attribute_lists: opt(map(array(str))),
    /** Lenient mode drops a runtime environment that fails to decode (and reports why). */
    runtime_environment: opt(RuntimeEnvironment),
    integration_attributes: opt(map(str)),
    events: req(itemArray(Event), { orElse: () => [], container: 'array' }),
    source_channel: opt(str),
    device_application_stamp: opt(str),
    consent_state: opt(ConsentState),
    system_notifications: opt(itemArray(SystemNotification), { container: 'array' }),
    mpid: opt(str),
    platform_fields: opt(PlatformFields),
  },
  tolerant,
)
/** The protocol's `EventProcessingRequest`, as the codec of the same name decodes it. */
export interface EventProcessingRequest extends t.TypeOf<typeof EventProcessingRequest> {}

/** `suspend_subscription` is written only when true. */
export const EventProcessingResponse = model('EventProcessingResponse', { ...envelope('event_processing_response'), suspend_subscription: opt(bool, { ifTrue: true }) }, tolerant)
/** The protocol's `EventProcessingResponse`, as the codec of the same name decodes it. */
export interface EventProcessingResponse extends t.TypeOf<typeof EventProcessingResponse> {}

/** The io-ts codec of the protocol's `AudienceSubscriptionRequest`; the decoded type is the interface or type of the same name. */
export const AudienceSubscriptionRequest = model(
  'AudienceSubscriptionRequest',
  {
    ...envelope('audience_subscription_request'),
    account,
    audience_id: opt(int32, { strict: true }),
    audience_name: opt(requiredText, { strict: true }),
    audience_description: opt(str),
    audience_subscription_settings: opt(map(str)),
    previous_audience_subscription_settings: opt(map(str)),
    action: opt(SubscriptionAction, { strict: true }),
  },
  tolerant,
)
/** The protocol's `AudienceSubscriptionRequest`, as the codec of the same name decodes it. */
export interface AudienceSubscriptionRequest extends t.TypeOf<typeof AudienceSubscriptionRequest> {}

/** The io-ts codec of the protocol's `AudienceSubscriptionResponse`; the decoded type is the interface or type of the same name. */
export const AudienceSubscriptionResponse = model(
  'AudienceSubscriptionResponse',
  { ...envelope('audience_subscription_response'), audience_subscription_settings: opt(map(str)) },
  tolerant,
)
/** The protocol's `AudienceSubscriptionResponse`, as the codec of the same name decodes it. */
export interface AudienceSubscriptionResponse extends t.TypeOf<typeof AudienceSubscriptionResponse> {}

/**
 * An absent `user_profiles` (or null) stays absent: that is a verification request. An
 * empty array stays an empty array.
 */
export const AudienceMembershipChangeRequest = model(
  'AudienceMembershipChangeRequest',
  {
    ...envelope('audience_membership_change_request'),
    account,
    user_profiles: opt(itemArray(UserProfile), { container: 'array' }),
  },
  tolerant,
)
/** The protocol's `AudienceMembershipChangeRequest`, as the codec of the same name decodes it. */
export interface AudienceMembershipChangeRequest extends t.TypeOf<typeof AudienceMembershipChangeRequest> {}

/** `suspend_subscription` is always written (false when absent). */
export const AudienceMembershipChangeResponse = model(
  'AudienceMembershipChangeResponse',
  { ...envelope('audience_membership_change_response'), suspend_subscription: opt(bool, { always: false }) },
  tolerant,
)
/** The protocol's `AudienceMembershipChangeResponse`, as the codec of the same name decodes it. */
export interface AudienceMembershipChangeResponse extends t.TypeOf<typeof AudienceMembershipChangeResponse> {}

/**
 * `submitted_time` is integer epoch milliseconds once decoded (from an ISO-8601 string or a
 * number of seconds, read as Java reads it, sub-millisecond digits dropped toward the past) and is
 * encoded as an ISO-8601 string. Lenient mode drops `subject_identities`
 * entries with an unknown key (reported); strict mode fails on them.
 */
export const DsrProcessingRequest = model(
  'DsrProcessingRequest',
  {
    ...envelope('dsr_processing_request'),
    account,
    subject_request_id: opt(str),
    subject_request_type: opt(DsrType),
    submitted_time: opt(instant),
    subject_identities: opt(map(OpenDsrIdentity, OpenDsrIdentityType)),
    api_version: opt(str),
    regulation: opt(RegulationType),
  },
  tolerant,
)
/** The protocol's `DsrProcessingRequest`, as the codec of the same name decodes it. */
export interface DsrProcessingRequest extends t.TypeOf<typeof DsrProcessingRequest> {}

/** The io-ts codec of the protocol's `DsrProcessingResponse`; the decoded type is the interface or type of the same name. */
export const DsrProcessingResponse = model('DsrProcessingResponse', envelope('dsr_processing_response'), tolerant)
/** The protocol's `DsrProcessingResponse`, as the codec of the same name decodes it. */
export interface DsrProcessingResponse extends t.TypeOf<typeof DsrProcessingResponse> {}

/** Every value the protocol allows for message codecs, in the spec's order. */
export const MESSAGE_CODECS = {
  module_registration_request: ModuleRegistrationRequest,
  module_registration_response: ModuleRegistrationResponse,
  event_processing_request: EventProcessingRequest,
  event_processing_response: EventProcessingResponse,
  audience_subscription_request: AudienceSubscriptionRequest,
  audience_subscription_response: AudienceSubscriptionResponse,
  audience_membership_change_request: AudienceMembershipChangeRequest,
  audience_membership_change_response: AudienceMembershipChangeResponse,
  dsr_processing_request: DsrProcessingRequest,
  dsr_processing_response: DsrProcessingResponse,
} as const satisfies Record<MessageType, unknown>

/** The io-ts codec of the protocol's `Message`; the decoded type is the interface or type of the same name. */
export const Message = taggedUnion('Message', 'type', MESSAGE_CODECS, describeValues('message type', MESSAGE_TYPES))
/** Any `Message` of the protocol: a union of named interfaces, narrowed on its tag. */
export type Message = t.TypeOf<typeof Message>
/** Any `MessageByType` of the protocol: a union of named interfaces, narrowed on its tag. */
export type MessageByType = { [K in MessageType]: t.TypeOf<(typeof MESSAGE_CODECS)[K]> }

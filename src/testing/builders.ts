import { randomUUID } from 'node:crypto'
import type {
  ApplicationStateTransitionEvent,
  AttributionEvent,
  AudienceMembershipChangeRequest,
  AudienceSubscriptionRequest,
  CustomEvent,
  DsrProcessingRequest,
  ErrorEvent,
  Event,
  EventProcessingRequest,
  ImpressionEvent,
  ModuleRegistrationRequest,
  PrivacySettingChangeEvent,
  ProductActionEvent,
  PromotionActionEvent,
  PushMessageOpenEvent,
  PushMessageReceiptEvent,
  PushSubscriptionEvent,
  ScreenViewEvent,
  SessionEndEvent,
  SessionStartEvent,
  UserAttributeChangeEvent,
  UserIdentityChangeEvent,
  UserProfile,
  Audience,
} from '../schema/index.js'
import { FIREHOSE_VERSION } from '../schema/index.js'

/**
 * Builders for every message and event with realistic defaults; pass overrides for what the test
 * is about. They produce wire JSON (what mParticle sends), typed with the schema's types.
 */
type Overrides<T> = { -readonly [K in keyof T]?: T[K] }
type Settings = Readonly<Record<string, string | number | boolean | null>>

let clock = Date.UTC(2026, 10, 27, 12, 0, 0)
/** A timestamp a little later than the previous one, so events built in order are in order. */
export const nextTimestamp = (): number => (clock += 1000)
/** A fresh random UUID, as mParticle gives every message and event. */
export const uuid = (): string => randomUUID()

const eventBase = <T extends string>(type: T) => ({ type, id: uuid(), timestamp_ms: Date.now(), source_id: uuid(), session_id: 8_675_309 })

/** A valid `SessionStartEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const sessionStart = (o: Overrides<SessionStartEvent> = {}): SessionStartEvent => ({ ...eventBase('session_start'), ...o }) as SessionStartEvent
/** A valid `SessionEndEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const sessionEnd = (o: Overrides<SessionEndEvent> = {}): SessionEndEvent => ({ ...eventBase('session_end'), session_length_ms: 60_000, ...o }) as SessionEndEvent
/** A valid `CustomEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const customEvent = (o: Overrides<CustomEvent> = {}): CustomEvent =>
  ({ ...eventBase('custom_event'), name: 'Signup', custom_event_type: 'other', attributes: { plan: 'pro' }, ...o }) as CustomEvent
/** A valid `ScreenViewEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const screenView = (o: Overrides<ScreenViewEvent> = {}): ScreenViewEvent => ({ ...eventBase('screen_view'), screen_name: 'Home', attributes: {}, ...o }) as ScreenViewEvent
/** A valid `ErrorEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const errorEvent = (o: Overrides<ErrorEvent> = {}): ErrorEvent => ({ ...eventBase('error'), message: 'Something broke', is_crash: false, ...o }) as ErrorEvent
/** A valid `PrivacySettingChangeEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const privacySettingChange = (o: Overrides<PrivacySettingChangeEvent> = {}): PrivacySettingChangeEvent =>
  ({ ...eventBase('privacy_setting_change'), setting: 'app_data_collection', is_enabled: true, ...o }) as PrivacySettingChangeEvent
/** A valid `UserAttributeChangeEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const userAttributeChange = (o: Overrides<UserAttributeChangeEvent> = {}): UserAttributeChangeEvent =>
  ({ ...eventBase('user_attribute_change'), added: { plan: 'pro' }, ...o }) as UserAttributeChangeEvent
/** A valid `UserIdentityChangeEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const userIdentityChange = (o: Overrides<UserIdentityChangeEvent> = {}): UserIdentityChangeEvent =>
  ({ ...eventBase('user_identity_change'), added: [{ type: 'email', encoding: 'raw', value: 'new@example.com' }], ...o }) as UserIdentityChangeEvent
/** A valid `PushSubscriptionEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const pushSubscription = (o: Overrides<PushSubscriptionEvent> = {}): PushSubscriptionEvent =>
  ({ ...eventBase('push_subscription'), action: 'subscribe', token: 'push-token-1', ...o }) as PushSubscriptionEvent
/** A valid `ApplicationStateTransitionEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const applicationStateTransition = (o: Overrides<ApplicationStateTransitionEvent> = {}): ApplicationStateTransitionEvent =>
  ({ ...eventBase('application_state_transition'), application_state: 'foreground', ...o }) as ApplicationStateTransitionEvent
/** A valid `PushMessageReceiptEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const pushMessageReceipt = (o: Overrides<PushMessageReceiptEvent> = {}): PushMessageReceiptEvent =>
  ({ ...eventBase('push_message_receipt'), payload: '{"aps":{"alert":"Hi"}}', ...o }) as PushMessageReceiptEvent
/** A valid `PushMessageOpenEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const pushMessageOpen = (o: Overrides<PushMessageOpenEvent> = {}): PushMessageOpenEvent =>
  ({ ...eventBase('push_message_open'), payload: '{"aps":{"alert":"Hi"}}', ...o }) as PushMessageOpenEvent
/** A valid `ProductActionEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const productAction = (o: Overrides<ProductActionEvent> = {}): ProductActionEvent =>
  ({
    ...eventBase('product_action'),
    action: 'purchase',
    transaction_id: 'T-1',
    total_amount: 42.5,
    currency_code: 'USD',
    products: [{ id: 'SKU-1', name: 'Shoe', price: 42.5, quantity: 1, position: 1 }],
    ...o,
  }) as ProductActionEvent
/** A valid `PromotionActionEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const promotionAction = (o: Overrides<PromotionActionEvent> = {}): PromotionActionEvent =>
  ({ ...eventBase('promotion_action'), action: 'view', promotions: [{ id: 'PROMO-1', name: 'Summer', creative: 'banner', position: 'top' }], ...o }) as PromotionActionEvent
/** A valid `ImpressionEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const impression = (o: Overrides<ImpressionEvent> = {}): ImpressionEvent =>
  ({ ...eventBase('impression'), impressions: [{ impression_list_name: 'Search results', products: [{ id: 'SKU-1', name: 'Shoe', position: 1 }] }], ...o }) as ImpressionEvent
/** A valid `AttributionEvent` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const attribution = (o: Overrides<AttributionEvent> = {}): AttributionEvent =>
  ({ ...eventBase('attribution'), name: 'install', partner_name: 'Adjust', publisher_name: 'Example', campaign_name: 'Launch', ...o }) as AttributionEvent

/** One event of every type, in a realistic order. */
export const everyEvent = (): Event[] => [
  sessionStart(),
  screenView(),
  customEvent(),
  errorEvent(),
  privacySettingChange(),
  userAttributeChange(),
  userIdentityChange(),
  pushSubscription(),
  applicationStateTransition(),
  pushMessageReceipt(),
  pushMessageOpen(),
  productAction(),
  promotionAction(),
  impression(),
  attribution(),
  sessionEnd(),
]

const account = (settings: Settings = {}, accountId = 1001) => ({
  account_id: accountId,
  account_settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v === null ? null : String(v)])),
})

const envelope = <T extends string>(type: T) => ({ type, id: uuid(), timestamp_ms: Date.now(), firehose_version: FIREHOSE_VERSION })

/** Options of the builder of the same name. */
export interface EventBatchOptions extends Overrides<Omit<EventProcessingRequest, 'events' | 'account'>> {
  readonly events?: ReadonlyArray<Event | Record<string, unknown>>
  /** Account settings as the typed values you mean; sent as strings, as mParticle does. */
  readonly settings?: Settings
  readonly accountId?: number
}

/** A valid `EventProcessingRequest` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const eventBatch = (options: EventBatchOptions = {}): EventProcessingRequest => {
  const { events, settings, accountId, ...rest } = options
  return {
    ...envelope('event_processing_request'),
    source_id: uuid(),
    account: account(settings, accountId),
    user_identities: [
      { type: 'email', encoding: 'raw', value: 'user@example.com' },
      { type: 'customer', encoding: 'raw', value: 'c-1' },
    ],
    user_attributes: { plan: 'pro' },
    runtime_environment: { type: 'ios', sdk_version: '8.0.0', identities: [{ type: 'ios_vendor_id', encoding: 'raw', value: 'IDFV-1' }] },
    mpid: '8675309',
    events: (events ?? [customEvent()]) as EventProcessingRequest['events'],
    ...rest,
  } as EventProcessingRequest
}

/** A valid `ModuleRegistrationRequest` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const registrationRequest = (o: Overrides<ModuleRegistrationRequest> = {}): ModuleRegistrationRequest =>
  ({ ...envelope('module_registration_request'), ...o }) as ModuleRegistrationRequest

/** Options of the builder of the same name. */
export interface SubscriptionOptions extends Overrides<Omit<AudienceSubscriptionRequest, 'account' | 'audience_subscription_settings'>> {
  readonly settings?: Settings
  readonly subscriptionSettings?: Settings
  readonly accountId?: number
}
/** A valid `AudienceSubscriptionRequest` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const audienceSubscription = (options: SubscriptionOptions = {}): AudienceSubscriptionRequest => {
  const { settings, subscriptionSettings, accountId, ...rest } = options
  return {
    ...envelope('audience_subscription_request'),
    account: account(settings, accountId),
    audience_id: 42,
    audience_name: 'Loyal customers',
    action: 'add',
    ...(subscriptionSettings ? { audience_subscription_settings: account(subscriptionSettings).account_settings } : {}),
    ...rest,
  } as AudienceSubscriptionRequest
}

/** Options of the builder of the same name. */
export interface AudienceOptions {
  readonly audienceId?: number
  readonly name?: string
  readonly action?: Audience['action']
  readonly subscriptionSettings?: Settings
}
/** A valid `Audience` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const audience = (o: AudienceOptions = {}): Audience =>
  ({
    audience_id: o.audienceId ?? 42,
    audience_name: o.name ?? 'Loyal customers',
    action: o.action ?? 'add',
    ...(o.subscriptionSettings ? { audience_subscription_settings: account(o.subscriptionSettings).account_settings } : {}),
  }) as Audience

/** Options of the builder of the same name. */
export interface ProfileOptions extends Overrides<Omit<UserProfile, 'audiences'>> {
  readonly email?: string
  readonly customerId?: string
  readonly audiences?: ReadonlyArray<Audience>
}
/** A valid `UserProfile` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const userProfile = (options: ProfileOptions = {}): UserProfile => {
  const { email, customerId, audiences, ...rest } = options
  const identities = [
    ...(email !== undefined ? [{ type: 'email', encoding: 'raw', value: email }] : []),
    ...(customerId !== undefined ? [{ type: 'customer', encoding: 'raw', value: customerId }] : []),
  ]
  return { ...(identities.length > 0 ? { user_identities: identities } : {}), audiences: audiences ?? [audience()], ...rest } as UserProfile
}

/** Options of the builder of the same name. */
export interface MembershipOptions extends Overrides<Omit<AudienceMembershipChangeRequest, 'account' | 'user_profiles'>> {
  /** `null` leaves `user_profiles` out: a verification request. */
  readonly profiles?: ReadonlyArray<UserProfile> | null
  readonly settings?: Settings
  readonly accountId?: number
}
/** A valid `AudienceMembershipChangeRequest` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const audienceMembership = (options: MembershipOptions = {}): AudienceMembershipChangeRequest => {
  const { profiles, settings, accountId, ...rest } = options
  return {
    ...envelope('audience_membership_change_request'),
    account: account(settings, accountId),
    ...(profiles === null ? {} : { user_profiles: profiles ?? [userProfile({ email: 'user@example.com' })] }),
    ...rest,
  } as AudienceMembershipChangeRequest
}

/** Options of the builder of the same name. */
export interface DsrOptions extends Overrides<Omit<DsrProcessingRequest, 'account'>> {
  readonly settings?: Settings
  readonly accountId?: number
}
/** A valid `DsrProcessingRequest` for tests (fresh ids, the next timestamp); the argument overrides any field. */
export const dsrRequest = (options: DsrOptions = {}): DsrProcessingRequest => {
  const { settings, accountId, ...rest } = options
  return {
    ...envelope('dsr_processing_request'),
    account: account(settings, accountId),
    subject_request_id: uuid(),
    subject_request_type: 'erasure',
    submitted_time: '2026-11-01T15:00:00Z',
    subject_identities: { email: { encoding: 'raw', value: 'user@example.com' } },
    api_version: '3.0',
    regulation: 'gdpr',
    ...rest,
  } as unknown as DsrProcessingRequest
}

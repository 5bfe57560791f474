import { audience, audienceMembership, audienceSubscription, customEvent, dsrRequest, eventBatch, everyEvent, registrationRequest, userProfile } from '../testing/builders.js'

/** The built-in messages `firehose send` knows by name. */
export const SAMPLE_NAMES = ['events', 'registration', 'audience', 'subscription', 'dsr'] as const
export type SampleName = (typeof SAMPLE_NAMES)[number]
export const isSampleName = (value: string): value is SampleName => (SAMPLE_NAMES as ReadonlyArray<string>).includes(value)

type Settings = Record<string, string>
type Section = { account_settings?: unknown; audience_subscription_settings?: unknown; supported_event_types?: unknown }

interface DeclaredSetting {
  readonly id: string
  readonly type: string
  readonly default_value?: unknown
  readonly min_value?: unknown
  readonly required?: unknown
}

const declared = (list: unknown): DeclaredSetting[] =>
  Array.isArray(list) ? list.filter((s): s is DeclaredSetting => typeof s?.id === 'string' && typeof s?.type === 'string') : []

/** A value a setting accepts: its default, else (when required) a placeholder of its type; optional ones stay unset. */
const placeholder = (setting: DeclaredSetting): string | undefined => {
  const fallback = setting.default_value
  // JSON.stringify writes true, 12 and 1.5 as String would, and an object as JSON rather than `[object Object]`.
  if (fallback !== undefined && fallback !== null) return typeof fallback === 'string' ? fallback : JSON.stringify(fallback)
  if (setting.required !== true) return undefined
  switch (setting.type) {
    case 'integer':
      return String(typeof setting.min_value === 'number' ? setting.min_value : 1)
    case 'float':
      return '1.5'
    case 'boolean':
      return 'false'
    default:
      return `sample-${setting.id}`
  }
}

const fill = (list: unknown, overrides: Settings): Settings => {
  const values: Settings = {}
  for (const setting of declared(list)) {
    const value = overrides[setting.id] ?? placeholder(setting)
    if (value !== undefined) values[setting.id] = value
  }
  return values
}

const section = (registration: unknown, key: string): Section => {
  const value = (registration as Record<string, unknown> | undefined)?.[key]
  return typeof value === 'object' && value !== null ? (value as Section) : {}
}

/**
 * Builds a sample message. With the target's registration response, settings get values the
 * integration accepts (its defaults, else placeholders) and the batch holds one event of each
 * declared type; `overrides` (`--setting id=value`) win.
 */
export const sample = (name: SampleName, registration: unknown, overrides: Settings = {}): unknown => {
  const withOverrides = (values: Settings): Settings => ({ ...values, ...overrides })
  switch (name) {
    case 'registration':
      return registrationRequest()
    case 'events': {
      const events = section(registration, 'event_processing_registration')
      const types = Array.isArray(events.supported_event_types) ? (events.supported_event_types as string[]) : []
      const declaredEvents = everyEvent().filter((event) => types.includes(event.type))
      return eventBatch({ events: declaredEvents.length > 0 ? declaredEvents : [customEvent()], settings: withOverrides(fill(events.account_settings, overrides)) })
    }
    case 'audience': {
      const audiences = section(registration, 'audience_processing_registration')
      const subscriptionSettings = fill(audiences.audience_subscription_settings, overrides)
      return audienceMembership({
        settings: withOverrides(fill(audiences.account_settings, overrides)),
        profiles: [userProfile({ email: 'user@example.com', audiences: [audience({ subscriptionSettings })] })],
      })
    }
    case 'subscription': {
      const audiences = section(registration, 'audience_processing_registration')
      return audienceSubscription({
        settings: withOverrides(fill(audiences.account_settings, overrides)),
        subscriptionSettings: fill(audiences.audience_subscription_settings, overrides),
      })
    }
    case 'dsr':
      return dsrRequest({ settings: withOverrides(fill(section(registration, 'dsr_processing_registration').account_settings, overrides)) })
  }
}

/** Every setting id a registration response declares (account, connection and subscription settings of every section). */
export const declaredSettingIds = (registration: unknown): string[] => {
  const ids = new Set<string>()
  if (registration === null || typeof registration !== 'object') return []
  for (const value of Object.values(registration as Record<string, unknown>)) {
    if (value === null || typeof value !== 'object') continue
    for (const [key, list] of Object.entries(value as Record<string, unknown>)) if (key.endsWith('settings')) for (const setting of declared(list)) ids.add(setting.id)
  }
  return [...ids]
}

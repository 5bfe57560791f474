import { EVENT_TYPES, NOTIFICATION_TYPES, RUNTIME_TYPES } from '../schema/index.js'
import type { LooseDefinition } from './definition.js'
import { MAX_DESCRIPTION_LENGTH, type RegistrationDeclaration } from './registration.js'
import type { NumberSettingOptions, SettingsDeclaration } from './settings.js'

/** A mistake in a `firehose()` definition, reported when the handler is created, not at the first message. */
export class DeclarationError extends Error {
  override readonly name = 'DeclarationError'
}

const checkSettings = (where: string, declared: SettingsDeclaration | undefined, problems: string[]): void => {
  for (const [id, definition] of Object.entries(declared ?? {})) {
    if (id.trim() === '') problems.push(`${where}: a setting has an empty id`)
    if (!definition || typeof definition !== 'object' || !('kind' in definition)) {
      problems.push(`${where}.${id}: not a setting (use setting.text/integer/float/boolean)`)
      continue
    }
    if (!definition.options.name?.trim()) problems.push(`${where}.${id}: name is required`)
    if (definition.kind === 'integer' || definition.kind === 'float') {
      const { min, max, default: fallback } = definition.options as NumberSettingOptions
      if (min !== undefined && max !== undefined && min > max) problems.push(`${where}.${id}: min is greater than max`)
      if (fallback !== undefined && ((min !== undefined && fallback < min) || (max !== undefined && fallback > max))) problems.push(`${where}.${id}: default is outside min..max`)
      if (definition.kind === 'integer' && fallback !== undefined && !Number.isSafeInteger(fallback)) problems.push(`${where}.${id}: default is not an integer`)
    }
  }
}

const overlapping = (a: SettingsDeclaration | undefined, b: SettingsDeclaration | undefined): string[] =>
  Object.keys(a ?? {}).filter((id) => Object.prototype.hasOwnProperty.call(b ?? {}, id))

const unknownValues = (where: string, values: ReadonlyArray<string> | undefined, known: ReadonlyArray<string>, problems: string[]): void => {
  const set = new Set(known)
  for (const value of values ?? []) if (!set.has(value)) problems.push(`${where}: unknown value "${value}"`)
}

const checkRegistration = (registration: RegistrationDeclaration, problems: string[]): void => {
  if (!registration || typeof registration !== 'object') {
    problems.push('registration is required')
    return
  }
  if (!registration.name?.trim()) problems.push('registration.name is required')
  if (!registration.version?.trim()) problems.push('registration.version is required')
  if (registration.description !== undefined && registration.description.length >= MAX_DESCRIPTION_LENGTH) {
    problems.push(`registration.description has ${registration.description.length} characters; mParticle allows fewer than ${MAX_DESCRIPTION_LENGTH}`)
  }
  const events = registration.events
  if (events) {
    checkSettings('events.settings', events.settings, problems)
    checkSettings('events.connectionSettings', events.connectionSettings, problems)
    for (const id of overlapping(events.settings, events.connectionSettings)) {
      problems.push(`duplicate setting id "${id}" in events.settings and events.connectionSettings (both arrive in account_settings)`)
    }
    unknownValues('events.types', events.types, EVENT_TYPES, problems)
    unknownValues('events.runtimes', events.runtimes, RUNTIME_TYPES, problems)
    unknownValues('events.notifications', events.notifications, NOTIFICATION_TYPES, problems)
    if (events.types?.includes('push_message_receipt') && !events.pushMessagingProviderId) {
      problems.push('events.types has push_message_receipt but events.pushMessagingProviderId is missing')
    }
  }
  const audiences = registration.audiences
  if (audiences) {
    checkSettings('audiences.settings', audiences.settings, problems)
    checkSettings('audiences.subscriptionSettings', audiences.subscriptionSettings, problems)
  }
  if (registration.dsr) checkSettings('dsr.settings', registration.dsr.settings, problems)
}

/** Throws a DeclarationError listing every mistake in the definition. */
export const checkDefinition = (definition: LooseDefinition): void => {
  const problems: string[] = []
  checkRegistration(definition.registration, problems)
  const { events, audiences, dsr } = definition.registration ?? {}
  if (!events) {
    for (const key of ['onEvents', 'on', 'onNotification'] as const) {
      if (definition[key] !== undefined) problems.push(`${key} is given but the registration declares no events`)
    }
  } else {
    const types = events.types === undefined ? undefined : new Set<string>(events.types)
    for (const [type, handler] of Object.entries(definition.on ?? {})) {
      if (handler === undefined) continue
      if (typeof handler !== 'function') problems.push(`on.${type} is not a function`)
      else if (types !== undefined && !types.has(type)) problems.push(`on.${type} is given but events.types does not list "${type}"`)
    }
    const notifications = events.notifications === undefined ? undefined : new Set<string>(events.notifications)
    for (const [type, handler] of Object.entries(definition.onNotification ?? {})) {
      if (handler !== undefined && notifications !== undefined && !notifications.has(type)) {
        problems.push(`onNotification.${type} is given but events.notifications does not list "${type}"`)
      }
    }
  }
  if (!audiences) {
    for (const key of ['onAudience', 'onAudienceSubscription'] as const) {
      if (definition[key] !== undefined) problems.push(`${key} is given but the registration declares no audiences`)
    }
  }
  if (!dsr && definition.onDsr !== undefined) problems.push('onDsr is given but the registration declares no dsr')
  if (problems.length > 0) throw new DeclarationError(`invalid firehose() definition:\n- ${problems.join('\n- ')}`)
}

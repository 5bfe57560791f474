import * as E from 'fp-ts/lib/Either.js'
import { BOUNDS, clip, clipId, firstOf } from '../src/core/bounds.js'
import type { ItemOutcome } from '../src/core/outcome.js'
import { rejectUnknownOptions } from '../src/core/options.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import type { RegistrationDeclaration } from '../src/definition/registration.js'
import { confidentialValues, decodeSettings, type SettingsDeclaration } from '../src/definition/settings.js'
import { FirehoseError, suspend } from '../src/errors.js'
import { asLogger, type LoggerLike } from '../src/logger.js'
import type { Event, EventProcessingRequest, InvalidItem, Message } from '../src/schema/index.js'
import { EVENT_TYPES, int64ToNumber, isInvalid } from '../src/schema/index.js'

/** Options of the `validate` middleware: the registration the message is checked against, the logger, the clock. */
export interface ValidateOptions {
  readonly registration: RegistrationDeclaration
  readonly logger?: LoggerLike
  /** Testing only: the clock `maxDataAgeHours` is measured against. */
  readonly now?: () => number
}

const HOUR_MS = 3_600_000

const nonEmpty = (value: unknown): boolean => value !== undefined && value !== null && value !== '' && (typeof value !== 'object' || Object.keys(value as object).length > 0)

/** User data that makes an eventless batch worth forwarding (with `allowEventlessBatches`). */
export const hasUserData = (request: EventProcessingRequest): boolean =>
  nonEmpty(request.user_identities) ||
  nonEmpty(request.partner_identities) ||
  nonEmpty(request.user_attributes) ||
  nonEmpty(request.user_attribute_lists) ||
  nonEmpty(request.mpid) ||
  nonEmpty(request.device_application_stamp) ||
  nonEmpty(request.consent_state)

/**
 * A verification (keep-alive) request, answered with the normal empty response and no handler
 * called: an event batch without events (unless the registration allows eventless batches and it
 * carries user data), or a membership change without `user_profiles`.
 */
export const isVerification = (message: Message, registration: RegistrationDeclaration): boolean => {
  if (message.type === 'audience_membership_change_request') return message.user_profiles === undefined || message.user_profiles === null
  if (message.type !== 'event_processing_request') return false
  if (message.events.length > 0) return false
  return registration.permissions?.allowEventlessBatches !== true || !hasUserData(message)
}

/** The settings each request type carries, from the registration: computed once per `validate()`, not per message. */
const settingsByType = (registration: RegistrationDeclaration): ((message: Message) => SettingsDeclaration | undefined) => {
  const events = { ...registration.events?.settings, ...registration.events?.connectionSettings }
  const audiences = registration.audiences?.settings ?? {}
  const dsr = registration.dsr?.settings ?? {}
  return (message) => {
    switch (message.type) {
      case 'event_processing_request':
        return events
      case 'audience_membership_change_request':
      case 'audience_subscription_request':
        return audiences
      case 'dsr_processing_request':
        return dsr
      default:
        return undefined
    }
  }
}

const eventLabel = (item: unknown, index: number): string => {
  const id = (item as { raw?: { id?: unknown } }).raw?.id
  return typeof id === 'string' ? id : `events/${index}`
}

/** An invalid event's reason: its first problems and how many more (an event can have thousands). */
const problemsReason = (problems: ReadonlyArray<{ readonly message: string }>): string => {
  const { shown, more } = firstOf(problems, BOUNDS.reasons)
  return clip(shown.map((p) => p.message).join('; ') + (more > 0 ? ` (and ${more} more problems)` : ''))
}

/** Why an event is screened out before any handler sees it (undecodable, undeclared, too old), or undefined when it is admitted. */
const screening = (
  item: Event | InvalidItem,
  index: number,
  accepted: ReadonlySet<string> | undefined,
  oldest: number | undefined,
  maxAge: number | undefined,
): ItemOutcome | undefined => {
  if (isInvalid(item)) return { item: eventLabel(item, index), stage: 'decode', kind: 'permanent', reason: problemsReason(item.problems) }
  if (accepted !== undefined && !accepted.has(item.type)) return { item: item.id, stage: 'validate', kind: 'skipped', reason: `event type ${item.type} is not in the registration` }
  if (oldest !== undefined && int64ToNumber(item.timestamp_ms) < oldest)
    return { item: item.id, stage: 'validate', kind: 'skipped', reason: `older than maxDataAgeHours (${maxAge})` }
  return undefined
}

const NONE_SCREENED: ReadonlyArray<ItemOutcome> = Object.freeze([])

const screenEvents = (
  request: EventProcessingRequest,
  registration: RegistrationDeclaration,
  accepted: ReadonlySet<string> | undefined,
  now: number,
): { events: ReadonlyArray<Event>; screened: ReadonlyArray<ItemOutcome> } => {
  const maxAge = registration.events?.maxDataAgeHours
  const oldest = maxAge !== undefined && maxAge >= 0 ? now - maxAge * HOUR_MS : undefined
  const all = request.events
  // Most batches admit every event: then the message's own array is the list (no copy, no outcome).
  let first = 0
  let screenedFirst: ItemOutcome | undefined
  for (; first < all.length; first++) if ((screenedFirst = screening(all[first]!, first, accepted, oldest, maxAge)) !== undefined) break
  if (screenedFirst === undefined) return { events: all as ReadonlyArray<Event>, screened: NONE_SCREENED }
  const events = all.slice(0, first) as Event[]
  const screened: ItemOutcome[] = [screenedFirst]
  for (let index = first + 1; index < all.length; index++) {
    const item = all[index]!
    const outcome = screening(item, index, accepted, oldest, maxAge)
    if (outcome === undefined) events.push(item as Event)
    else screened.push(outcome)
  }
  return { events, screened }
}

/** What a message admits when no handler runs: made only then. */
const nothing = () => ({ settings: {}, secrets: [], events: [], screened: [] })

/**
 * Answers verification requests without calling handlers, decodes the settings (a missing or
 * malformed setting is a configuration error: suspend), and screens events (undeclared types and
 * data older than `maxDataAgeHours` are skipped with a logged reason).
 */
export const validate = (options: ValidateOptions): FirehoseMiddleware => {
  rejectUnknownOptions('validate()', options, ['registration', 'logger', 'now'])
  const { registration } = options
  const baseLogger = asLogger(options.logger)
  const now = options.now ?? Date.now
  const settingsFor = settingsByType(registration)
  const declaredTypes = registration.events?.types
  // Decoded events have a known type: when every known type is declared, no event needs the test.
  const accepted = declaredTypes === undefined || EVENT_TYPES.every((type) => declaredTypes.includes(type)) ? undefined : new Set<string>(declaredTypes)
  const before = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    const message = state.decoded?.message
    if (message === undefined) throw new FirehoseError('decode', 'validate needs the decode middleware before it')
    if (!message.type.endsWith('_request')) {
      throw new FirehoseError('permanent', `${message.type} is a response; firehose-kit answers requests only`)
    }
    const account = 'account' in message ? message.account : undefined
    const accountId = account?.account_id
    const fields = { messageId: clipId(message.id), type: message.type, ...(accountId !== undefined ? { accountId: clipId(accountId) } : {}) }
    if (isVerification(message, registration)) {
      state.admitted = { ...nothing(), logger: baseLogger.child(fields), verification: true }
      return
    }
    const declared = settingsFor(message)
    if (declared === undefined) {
      state.admitted = { ...nothing(), logger: baseLogger.child(fields), verification: false }
      return
    }
    const values = account?.account_settings ?? undefined
    const secrets = confidentialValues(declared, values)
    // One child logger with the message's fields and its secrets masked (the same as a child of a child).
    const masked = baseLogger.child(fields, secrets)
    const settings = decodeSettings(declared, values)
    if (E.isLeft(settings)) {
      // The suspend is logged by `errors` with the message's logger: give it the masked one.
      state.admitted = { ...nothing(), logger: masked, secrets, verification: false }
      throw suspend(`configuration error: ${settings.left.reason}`)
    }
    const { events, screened } = message.type === 'event_processing_request' ? screenEvents(message, registration, accepted, now()) : { events: [], screened: [] }
    state.admitted = { logger: masked, verification: false, settings: settings.right, secrets, events, screened }
  }
  return { name: 'validate', before }
}

import type { EventProcessingRequest } from 'firehose-kit/schema'
import { userIdModeOf, type UserIdMode } from './identity.js'

/**
 * Java's `shouldCoerceStrings`: a missing value means off, whatever the registration's default
 * (a configuration saved before the setting existed keeps sending strings, so Iterable field
 * types do not change under it). The SDK fills in the declared default (on) for a missing value,
 * so the raw value is read here; a present value is the SDK's decoded boolean.
 */
export const coercionEnabled = (request: EventProcessingRequest, decoded: boolean): boolean => {
  const raw = request.account?.account_settings?.coerceStringsToScalars
  return typeof raw === 'string' && raw.trim() !== '' ? decoded : false
}

/** What every event mapper needs from the settings. */
export interface EventOptions {
  readonly apiKey: string
  readonly mode: UserIdMode
  readonly coerce: boolean
}

export interface DecodedEventSettings {
  readonly apiKey: string
  readonly userIdField: string
  readonly coerceStringsToScalars: boolean
}

export const eventOptions = (request: EventProcessingRequest, settings: DecodedEventSettings): EventOptions => ({
  apiKey: settings.apiKey,
  mode: userIdModeOf(settings.userIdField),
  coerce: coercionEnabled(request, settings.coerceStringsToScalars),
})

import { userIdModeOf, type UserIdMode } from './identity.js'

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

export const eventOptions = (settings: DecodedEventSettings): EventOptions => ({
  apiKey: settings.apiKey,
  mode: userIdModeOf(settings.userIdField),
  coerce: settings.coerceStringsToScalars,
})

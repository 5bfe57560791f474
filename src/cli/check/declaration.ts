import { isRecord } from '../../schema/codec.js'

/** What a registration response declares, as the later checks use it. */
export interface Declaration {
  /** The registration response as answered (the samples read its settings). */
  readonly raw: unknown
  readonly name?: string
  readonly version?: string
  /** Declared event types; absent when the endpoint takes no events. */
  readonly events?: { readonly types: ReadonlyArray<string>; readonly eventless: boolean }
  readonly audiences?: { readonly subscriptionSettings: ReadonlyArray<string> }
  readonly dsr?: { readonly types: ReadonlyArray<string> }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])
const ids = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .filter(isRecord)
        .map((s) => s.id)
        .filter((id): id is string => typeof id === 'string')
    : []

/** Reads a registration response (already known to be one); tolerant, since the registration check reports its problems. */
export const declarationOf = (response: unknown): Declaration => {
  const body = isRecord(response) ? response : {}
  const events = body.event_processing_registration
  const audiences = body.audience_processing_registration
  const dsr = body.dsr_processing_registration
  const permissions = isRecord(body.permissions) ? body.permissions : {}
  return {
    raw: response,
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    ...(typeof body.version === 'string' ? { version: body.version } : {}),
    ...(isRecord(events) ? { events: { types: strings(events.supported_event_types), eventless: permissions.allow_eventless_batches === true } } : {}),
    ...(isRecord(audiences) ? { audiences: { subscriptionSettings: ids(audiences.audience_subscription_settings) } } : {}),
    ...(isRecord(dsr) ? { dsr: { types: strings(dsr.supported_dsr_types) } } : {}),
  }
}

/** What a declaration offers, in words: "events (custom_event, screen_view), audiences, DSR (erasure)". */
export const describeDeclaration = (declaration: Declaration): string => {
  const parts: string[] = []
  if (declaration.events) parts.push(`events (${declaration.events.types.join(', ') || 'no types'})`)
  if (declaration.audiences) parts.push('audiences')
  if (declaration.dsr) parts.push(`DSR (${declaration.dsr.types.join(', ') || 'no types'})`)
  return parts.length === 0 ? 'nothing' : parts.join(', ')
}

import type { HttpRequest } from 'firehose-kit'
import type { CustomEvent, DsrProcessingRequest, ScreenViewEvent, UserIdentity } from 'firehose-kit/schema'

/** Acme's API, the partner this integration forwards to. Every call below is relative to it. */
export const ACME_API = 'https://api.acme.example'

export interface AcmeSettings {
  readonly apiKey: string
  readonly region: string
  readonly sandbox: boolean
}

/** Who a call is about, as Acme identifies users. */
export interface AcmeUser {
  readonly userId?: string
  readonly email?: string
}

const API_KEY = /^[\x21-\x7e]+$/

/** An API key must fit in an HTTP header; anything else is a configuration mistake, not a transient one. */
export const isUsableApiKey = (apiKey: string): boolean => API_KEY.test(apiKey)

const rawIdentity = (identities: ReadonlyArray<UserIdentity> | undefined, type: UserIdentity['type']): string | undefined =>
  identities?.find((identity) => identity.type === type && identity.encoding === 'raw')?.value

/** Acme's user id is the customer id when there is one, else mParticle's id; email when known. */
export const acmeUser = (source: { readonly user_identities?: ReadonlyArray<UserIdentity>; readonly mpid?: string }): AcmeUser => {
  const userId = rawIdentity(source.user_identities, 'customer') ?? source.mpid
  const email = rawIdentity(source.user_identities, 'email')
  return { ...(userId !== undefined ? { userId } : {}), ...(email !== undefined ? { email } : {}) }
}

export const isIdentified = (user: AcmeUser): boolean => user.userId !== undefined || user.email !== undefined

const authorization = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` })

/** One tracked event: a custom event becomes a `track`, a screen view a `screen`. */
export const trackRequest = (event: CustomEvent | ScreenViewEvent, user: AcmeUser, settings: AcmeSettings): HttpRequest => ({
  method: 'POST',
  url: '/v1/track',
  headers: authorization(settings.apiKey),
  json: {
    type: event.type === 'custom_event' ? 'track' : 'screen',
    name: event.type === 'custom_event' ? event.name : event.screen_name,
    messageId: event.id,
    timestamp: event.timestamp_ms,
    ...user,
    properties: event.attributes ?? {},
    context: { region: settings.region, sandbox: settings.sandbox },
  },
})

export const createListRequest = (audienceId: number | undefined, name: string, apiKey: string): HttpRequest => ({
  method: 'POST',
  url: '/v1/lists',
  headers: authorization(apiKey),
  json: { name, externalId: `mparticle-${audienceId ?? 'unknown'}` },
})

export const renameListRequest = (listId: number, name: string, apiKey: string): HttpRequest => ({
  method: 'PATCH',
  url: `/v1/lists/${listId}`,
  headers: authorization(apiKey),
  json: { name },
})

export const deleteListRequest = (listId: number, apiKey: string): HttpRequest => ({
  method: 'DELETE',
  url: `/v1/lists/${listId}`,
  headers: authorization(apiKey),
})

/** One call per list and direction, carrying every user that joined (or left) it. */
export const membersRequest = (listId: number, direction: 'add' | 'remove', users: ReadonlyArray<AcmeUser>, apiKey: string): HttpRequest => ({
  method: 'POST',
  url: `/v1/lists/${listId}/members/${direction}`,
  headers: authorization(apiKey),
  json: { users },
})

/** Who an erasure request is about: the customer id the customer gave mParticle, and the email. */
export const dsrUser = (request: DsrProcessingRequest): AcmeUser => {
  const identities = request.subject_identities ?? {}
  const userId = identities.controller_customer_id?.value
  const email = identities.email?.value
  return { ...(userId ? { userId } : {}), ...(email ? { email } : {}) }
}

export const eraseRequest = (requestId: string | undefined, user: AcmeUser, apiKey: string): HttpRequest => ({
  method: 'DELETE',
  url: '/v1/users',
  headers: authorization(apiKey),
  json: { ...(requestId !== undefined ? { requestId } : {}), ...user },
})

import * as E from 'fp-ts/lib/Either.js'
import { firehose, permanent, retryable, setting, suspend, type FirehoseOptions } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import type { FirehoseError } from '../../src/errors.js'

/** A test integration whose handlers do what each event's `attributes.outcome` says. */
export const settings = {
  apiKey: setting.text({ name: 'API Key', required: true, confidential: true }),
  sandbox: setting.boolean({ name: 'Use sandbox', default: false }),
}

export const acmeRegistration = {
  name: 'Acme',
  version: '1.0',
  description: 'Sends events to Acme',
  permissions: { userIdentities: [{ type: 'email', encoding: 'raw', required: true }], allowUserAttributes: true },
  events: { settings, types: ['custom_event', 'screen_view'], runtimes: ['ios', 'android'], notifications: ['gdpr_consent_state'] },
  audiences: { settings, subscriptionSettings: { listId: setting.integer({ name: 'List', visible: false }) } },
  dsr: { settings, types: ['erasure'] },
} as const

export type Scripted = 'ok' | 'retryable' | 'permanent' | 'suspend' | 'throw' | 'throw-permanent'

export const resultOf = (outcome: string | undefined | null): E.Either<FirehoseError, undefined> => {
  switch (outcome) {
    case 'retryable':
      return E.left(retryable('partner answered 503', { retryAfterMs: 2000 }))
    case 'permanent':
      return E.left(permanent('partner rejected the event'))
    case 'suspend':
      return E.left(suspend('partner says the API key is revoked'))
    case 'throw':
      throw new Error('boom with user@example.com inside')
    case 'throw-permanent':
      throw permanent('thrown permanent')
    default:
      return E.right(undefined)
  }
}

export const goodSettings = { apiKey: 'secret-api-key-123', sandbox: 'false' }

export const acme = (script: { audience?: Scripted; subscription?: Scripted; dsr?: Scripted } = {}, options: FirehoseOptions = {}) => {
  const calls: string[] = []
  const logger = memoryLogger()
  const handler = firehose(
    {
      registration: acmeRegistration,
      on: {
        custom_event: (event) => {
          calls.push(`custom_event:${event.name}`)
          return resultOf(event.attributes?.outcome)
        },
        screen_view: (event) => {
          calls.push(`screen_view:${event.screen_name}`)
          return resultOf(event.attributes?.outcome)
        },
      },
      onAudience: (request) => {
        calls.push(`onAudience:${request.id}`)
        return resultOf(script.audience)
      },
      onAudienceSubscription: async () => {
        calls.push('onAudienceSubscription')
        const result = resultOf(script.subscription)
        return E.isLeft(result) ? result : E.right({ listId: 7 })
      },
      onDsr: () => {
        calls.push('onDsr')
        return () => Promise.resolve(resultOf(script.dsr))
      },
    },
    { auth: { tokens: ['token-a'] }, logger, ...options },
  )
  return { handler, calls, logger }
}

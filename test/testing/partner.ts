import * as E from 'fp-ts/lib/Either.js'
import { retryable, setting, type FirehoseError } from '../../src/index.js'
import type { HttpClient } from '../../src/delivery/index.js'
import type { Event } from '../../src/schema/index.js'

/** A small integration the testing kit's own tests run its properties on. */
export const settings = {
  apiKey: setting.text({ name: 'API Key', required: true, confidential: true }),
  sandbox: setting.boolean({ name: 'Use sandbox', default: false }),
  batchSize: setting.integer({ name: 'Batch size', min: 1, max: 100, default: 10 }),
  sampleRate: setting.float({ name: 'Sample rate', min: 0, max: 1 }),
}

export const registration = {
  name: 'Acme',
  version: '1.0',
  description: 'Sends events to Acme',
  permissions: { userIdentities: [{ type: 'email', encoding: 'raw' }], allowUserAttributes: true, allowEventlessBatches: true },
  events: { settings, types: ['custom_event', 'screen_view', 'product_action'], notifications: ['gdpr_consent_state'] },
  audiences: { settings: { apiKey: settings.apiKey }, subscriptionSettings: { listId: setting.integer({ name: 'List', required: true, min: 1 }) } },
  dsr: { settings: { apiKey: settings.apiKey }, types: ['erasure'] },
} as const

const send = (http: HttpClient, path: string, json: unknown) => http.send({ url: `https://api.acme.test${path}`, json })

const ok = E.right(undefined)

/** Well behaved: typed failures only, one call per event through ctx.http. */
export const goodDefinition = {
  registration,
  on: {
    custom_event: (event: Event, ctx: { http: HttpClient }) => send(ctx.http, '/track', { id: event.id, name: (event as { name?: string }).name }),
    screen_view: (event: Event, ctx: { http: HttpClient }) => send(ctx.http, '/screens', { id: event.id }),
    product_action: (event: Event, ctx: { http: HttpClient }) => send(ctx.http, '/orders', { id: event.id }),
  },
  onAudience: async (_request: unknown, ctx: { audiences: ReadonlyArray<{ settings: E.Either<unknown, unknown> }> }) =>
    ctx.audiences.some((group) => E.isLeft(group.settings)) ? E.left(retryable('subscription settings unreadable')) : ok,
  onAudienceSubscription: (_request: unknown, ctx: { subscriptionSettings: { listId?: number } }) => E.right({ listId: ctx.subscriptionSettings.listId ?? 1 }),
  onDsr: () => ok,
} as const

/** onEvents sends each event, then answers one Left for all of them: a replay sends the delivered ones again. */
export const doubleSendingDefinition = {
  registration,
  onEvents: async (batch: { events: ReadonlyArray<Event> }, ctx: { http: HttpClient }) => {
    let failure: FirehoseError | undefined
    for (const event of batch.events) {
      const result = await send(ctx.http, '/track', { id: event.id })
      if (E.isLeft(result)) failure ??= result.left
    }
    return failure === undefined ? ok : E.left(failure)
  },
} as const

/** onEvents answering per event: the fix for the above. */
export const perEventDefinition = {
  registration,
  onEvents: async (batch: { events: ReadonlyArray<Event> }, ctx: { http: HttpClient }) => {
    const results: Record<string, E.Either<FirehoseError, unknown>> = {}
    for (const event of batch.events) results[event.id] = await send(ctx.http, '/track', { id: event.id })
    return results
  },
} as const

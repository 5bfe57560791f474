import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expectTypeOf, it } from 'vitest'
import { firehose, permanent, setting, type FirehoseError } from '../../src/index.js'
import type { CustomEvent, ScreenViewEvent, AudienceMembershipChangeRequest } from '../../src/schema/index.js'

const settings = {
  apiKey: setting.text({ name: 'API Key', required: true, confidential: true }),
  region: setting.text({ name: 'Region' }),
  sandbox: setting.boolean({ name: 'Use sandbox', default: false }),
  limit: setting.integer({ name: 'Limit', default: 10 }),
  ratio: setting.float({ name: 'Ratio' }),
}

const registration = {
  name: 'Acme',
  version: '1.0',
  events: { settings, types: ['custom_event', 'screen_view'] },
  audiences: { settings, subscriptionSettings: { listId: setting.integer({ name: 'List', visible: false }) } },
} as const

describe('firehose() types', () => {
  it('gives on handlers the event type they are registered for, and typed settings', () => {
    firehose({
      registration,
      on: {
        custom_event: (event, ctx) => {
          expectTypeOf(event).toEqualTypeOf<CustomEvent>()
          expectTypeOf(ctx.settings.sandbox).toEqualTypeOf<boolean>()
          expectTypeOf(ctx.settings.apiKey).toEqualTypeOf<string>()
          expectTypeOf(ctx.settings.region).toEqualTypeOf<string | undefined>()
          expectTypeOf(ctx.settings.limit).toEqualTypeOf<number>()
          expectTypeOf(ctx.settings.ratio).toEqualTypeOf<number | undefined>()
          return E.right(undefined)
        },
        screen_view: (event) => {
          expectTypeOf(event).toEqualTypeOf<ScreenViewEvent>()
          return TE.right(undefined)
        },
      },
    })
  })

  it('does not compile an on handler for an event type the registration does not list', () => {
    firehose({
      registration,
      on: {
        // @ts-expect-error session_start is not in registration.events.types
        session_start: () => E.right(undefined),
      },
    })
  })

  it('does not compile a handler for a message kind the registration does not declare', () => {
    firehose({
      registration: { name: 'Events only', version: '1', events: { types: ['custom_event'] } },
      // @ts-expect-error no audiences declared
      onAudience: () => E.right(undefined),
    })
  })

  it('types subscription settings and refuses undeclared ones', () => {
    firehose({
      registration,
      onAudienceSubscription: async (_request, ctx) => {
        expectTypeOf(ctx.subscriptionSettings.listId).toEqualTypeOf<number | undefined>()
        return E.right({ listId: 42 })
      },
    })
    firehose({
      registration,
      // @ts-expect-error listID is not a declared subscription setting
      onAudienceSubscription: () => E.right({ listID: 42 }),
    })
  })

  it('accepts Either, TaskEither and Promise<Either> results that fail with FirehoseError', () => {
    firehose({
      registration,
      onAudience: (request, ctx) => {
        expectTypeOf(request).toEqualTypeOf<AudienceMembershipChangeRequest>()
        expectTypeOf(ctx.audiences[0].action).toEqualTypeOf<'add' | 'delete' | 'attribute_update'>()
        return Promise.resolve(E.left(permanent('nope')) as E.Either<FirehoseError, void>)
      },
    })
  })
})

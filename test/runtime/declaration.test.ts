import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DeclarationError, firehose, setting } from '../../src/index.js'

const define = (definition: unknown) => () => firehose(definition as never, { auth: false })

describe('declaration errors are thrown by firehose() at once', () => {
  it.each([
    [
      'duplicate setting ids',
      { name: 'D', version: '1', events: { settings: { k: setting.text({ name: 'K' }) }, connectionSettings: { k: setting.text({ name: 'K2' }) } } },
      /duplicate setting id "k"/,
    ],
    ['push_message_receipt without pushMessagingProviderId', { name: 'D', version: '1', events: { types: ['push_message_receipt'] } }, /pushMessagingProviderId/],
    ['a description over 230 characters', { name: 'D', version: '1', description: 'x'.repeat(231) }, /description/],
    ['a missing name', { name: '', version: '1' }, /name is required/],
    ['an unknown event type', { name: 'D', version: '1', events: { types: ['holograms'] } }, /unknown value "holograms"/],
    ['min above max', { name: 'D', version: '1', events: { settings: { n: setting.integer({ name: 'N', min: 5, max: 1 }) } } }, /min is greater/],
  ])('%s', (_, registration, message) => {
    expect(define({ registration })).toThrow(DeclarationError)
    expect(define({ registration })).toThrow(message)
  })

  it.each([
    ['onEvents', { onEvents: () => E.right(undefined) }, /declares no events/],
    ['onAudience', { onAudience: () => E.right(undefined) }, /declares no audiences/],
    ['onAudienceSubscription', { onAudienceSubscription: () => E.right(undefined) }, /declares no audiences/],
    ['onDsr', { onDsr: () => E.right(undefined) }, /declares no dsr/],
  ])('a handler for a message kind the registration does not declare (%s)', (_, handlers, message) => {
    expect(define({ registration: { name: 'D', version: '1' }, ...handlers })).toThrow(message)
  })

  it('an on handler for an event type the registration does not list', () => {
    expect(define({ registration: { name: 'D', version: '1', events: { types: ['custom_event'] } }, on: { screen_view: () => E.right(undefined) } })).toThrow(/on.screen_view/)
  })

  it('lists every problem at once', () => {
    try {
      define({ registration: { name: '', version: '', description: 'x'.repeat(300) } })()
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message.split('\n- ')).toHaveLength(4)
    }
  })
})

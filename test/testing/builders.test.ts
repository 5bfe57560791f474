import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, decodeMessage } from '../../src/schema/index.js'
import { audience, audienceMembership, audienceSubscription, dsrRequest, eventBatch, everyEvent, registrationRequest, userProfile } from '../../src/testing/index.js'

const strict = (message: unknown) => decodeMessage(message, { mode: 'strict' })

describe('builders', () => {
  it('everyEvent() has one event of every type', () => {
    expect(
      everyEvent()
        .map((event) => event.type)
        .sort(),
    ).toEqual([...EVENT_TYPES].sort())
  })

  it.each(everyEvent().map((event) => [event.type, event] as const))('a batch holding a %s event decodes in strict mode', (_, event) => {
    const result = strict(eventBatch({ events: [event], settings: { apiKey: 'k', sandbox: true, size: 3 } }))
    expect(result._tag === 'Left' ? result.left : 'ok').toBe('ok')
  })

  it.each([
    ['registration', registrationRequest()],
    ['subscription', audienceSubscription({ settings: { apiKey: 'k' }, subscriptionSettings: { listId: 7 } })],
    [
      'membership',
      audienceMembership({
        profiles: [userProfile({ email: 'a@example.com', customerId: 'c', audiences: [audience({ action: 'delete', subscriptionSettings: { listId: 7 } })] })],
      }),
    ],
    ['membership verification', audienceMembership({ profiles: null })],
    ['dsr', dsrRequest({ settings: { apiKey: 'k' } })],
  ])('the %s builder decodes in strict mode', (_, message) => {
    const result = strict(message)
    expect(result._tag === 'Left' ? result.left : 'ok').toBe('ok')
  })

  it('sends settings as strings (null stays null) and applies overrides', () => {
    const batch = eventBatch({ settings: { n: 3, b: false, s: 'x', gone: null }, accountId: 77, source_channel: 'native' })
    expect(batch.account).toEqual({ account_id: 77, account_settings: { n: '3', b: 'false', s: 'x', gone: null } })
    expect(batch.source_channel).toBe('native')
    expect(audienceMembership({ profiles: null })).not.toHaveProperty('user_profiles')
  })

  it('gives every message and event a fresh id', () => {
    expect(eventBatch().id).not.toBe(eventBatch().id)
    const [a, b] = everyEvent()
    expect(a.id).not.toBe(b.id)
  })
})

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { setting } from '../../src/index.js'
import { decodeSettings } from '../../src/definition/settings.js'
import { decodeMessage, type Event, type EventProcessingRequest } from '../../src/schema/index.js'
import { isVerification } from '../../middlewares/validate.js'
import { arbEventBatchFor, arbMembershipFor, arbRequestFor, arbSettingsFor, arbSubscriptionFor, arbVerificationRequestFor, declaredKinds } from '../../src/testing/index.js'
import { registration, settings } from './partner.js'

const RUNS = { numRuns: 200 }
const eventSettings = registration.events.settings
const strictOk = (message: unknown) => decodeMessage(message, { mode: 'strict' })._tag === 'Right'
const eventsOf = (batch: EventProcessingRequest) => batch.events as Event[]

describe('arbSettingsFor', () => {
  const declared = {
    key: setting.text({ name: 'Key', required: true }),
    on: setting.boolean({ name: 'On' }),
    size: setting.integer({ name: 'Size', min: 1, max: 10 }),
    rate: setting.float({ name: 'Rate', min: 0, max: 1, required: true }),
  }

  it('generates strings the SDK reads, within min/max, without invalid', () => {
    fc.assert(
      fc.property(arbSettingsFor(declared), (values) => E.isRight(decodeSettings(declared, values))),
      RUNS,
    )
  })

  it('with invalid, also generates sets the SDK refuses, and each setting kind gets spoiled', () => {
    const samples = fc.sample(arbSettingsFor(declared, { invalid: true }), 400)
    const failures = samples.map((values) => decodeSettings(declared, values)).filter(E.isLeft)
    expect(failures.length).toBeGreaterThan(50)
    expect(failures.length).toBeLessThan(350)
    const spoiled = new Set(failures.flatMap((failure) => failure.left.ids))
    expect([...spoiled].sort()).toEqual(['key', 'on', 'rate', 'size'])
  })

  it('leaves null out when told (subscription settings are plain strings)', () => {
    fc.assert(
      fc.property(arbSettingsFor(declared, { invalid: true, nulls: false }), (values) => Object.values(values).every((v) => typeof v === 'string')),
      RUNS,
    )
  })
})

describe('arbEventBatchFor', () => {
  it('only holds declared event types, with distinct ids, readable settings, and decodes in strict mode', () => {
    const declared = new Set<string>(registration.events.types)
    fc.assert(
      fc.property(arbEventBatchFor(registration), (batch) => {
        expect(eventsOf(batch).every((event) => declared.has(event.type))).toBe(true)
        const ids = eventsOf(batch).map((event) => event.id)
        expect(new Set(ids).size).toBe(ids.length)
        expect(E.isRight(decodeSettings(eventSettings, batch.account?.account_settings))).toBe(true)
        expect(strictOk(batch)).toBe(true)
      }),
      RUNS,
    )
  })

  it('adds undeclared and malformed events only when asked', () => {
    const declared = new Set<string>(registration.events.types)
    const plain = fc.sample(arbEventBatchFor(registration), 300).flatMap((batch) => batch.events as unknown[])
    expect(plain.every((event) => declared.has((event as Event).type))).toBe(true)
    const mixed = fc.sample(arbEventBatchFor(registration, { undeclaredEvents: true, invalidEvents: true }), 300).flatMap((batch) => batch.events as unknown[])
    expect(mixed.some((event) => event !== null && typeof event === 'object' && typeof (event as Event).type === 'string' && !declared.has((event as Event).type))).toBe(true)
    expect(mixed.some((event) => event === null || typeof event !== 'object')).toBe(true)
    for (const batch of fc.sample(arbEventBatchFor(registration, { undeclaredEvents: true, invalidEvents: true }), 100)) {
      expect(decodeMessage(batch)._tag).toBe('Right') // lenient decoding isolates the bad events
    }
  })

  it('generates verification requests and eventless batches with user data, unless told not to', () => {
    const samples = fc.sample(arbEventBatchFor(registration), 400)
    expect(samples.some((batch) => isVerification(batch, registration))).toBe(true)
    expect(samples.some((batch) => batch.events.length === 0 && !isVerification(batch, registration))).toBe(true)
    expect(fc.sample(arbEventBatchFor(registration, { verification: false }), 200).every((batch) => batch.events.length > 0)).toBe(true)
  })

  it('keeps events fresh enough for maxDataAgeHours', () => {
    const now = Date.now()
    const strictAge = { ...registration, events: { ...registration.events, maxDataAgeHours: 1 } }
    const events = fc.sample(arbEventBatchFor(strictAge, { now, verification: false }), 200).flatMap(eventsOf)
    expect(events.every((event) => Number(event.timestamp_ms) >= now - 3_600_000)).toBe(true)
  })
})

describe('audience, DSR and any request', () => {
  it('membership profiles carry the declared subscription settings', () => {
    const declared = registration.audiences.subscriptionSettings
    fc.assert(
      fc.property(arbMembershipFor(registration, { verification: false }), (request) => {
        for (const profile of request.user_profiles ?? []) {
          for (const audience of ((profile as { audiences?: unknown[] }).audiences ?? []) as Array<{ audience_subscription_settings?: Record<string, string> }>) {
            expect(E.isRight(decodeSettings(declared, audience.audience_subscription_settings))).toBe(true)
          }
        }
        expect(strictOk(request)).toBe(true)
      }),
      RUNS,
    )
  })

  it('subscription requests carry declared subscription settings, readable unless invalid is asked for', () => {
    const declared = registration.audiences.subscriptionSettings
    fc.assert(
      fc.property(arbSubscriptionFor(registration), (request) => {
        expect(Object.keys(request.audience_subscription_settings ?? {}).every((key) => key in declared)).toBe(true)
        expect(E.isRight(decodeSettings(declared, request.audience_subscription_settings, { enforceRequired: false }))).toBe(true)
        expect(strictOk(request)).toBe(true)
      }),
      RUNS,
    )
  })

  it('arbRequestFor generates every declared kind, and only those', () => {
    const types = new Set(fc.sample(arbRequestFor(registration), 300).map((message) => message.type))
    expect([...types].sort()).toEqual([
      'audience_membership_change_request',
      'audience_subscription_request',
      'dsr_processing_request',
      'event_processing_request',
      'module_registration_request',
    ])
    const eventsOnly = { name: 'E', version: '1', events: { settings, types: ['custom_event'] } } as const
    expect(declaredKinds(eventsOnly)).toEqual(['registration', 'events'])
    expect(new Set(fc.sample(arbRequestFor(eventsOnly), 100).map((m) => m.type))).toEqual(new Set(['module_registration_request', 'event_processing_request']))
  })

  it('arbVerificationRequestFor generates only verification requests, per the design rule', () => {
    for (const allowEventlessBatches of [true, false]) {
      const declared = { ...registration, permissions: { ...registration.permissions, allowEventlessBatches } }
      const arbitrary = arbVerificationRequestFor(declared)!
      fc.assert(
        fc.property(arbitrary, (message) => isVerification(message, declared)),
        RUNS,
      )
    }
    expect(arbVerificationRequestFor({ name: 'D', version: '1', dsr: {} })).toBeUndefined()
  })
})

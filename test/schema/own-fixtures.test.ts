import { describe, expect, it } from 'vitest'
import {
  EVENT_TYPES,
  NOTIFICATION_TYPES,
  RUNTIME_TYPES,
  SETTING_TYPES,
  encodeMessage,
  isInvalid,
  type DsrProcessingRequest,
  type EventProcessingRequest,
  type Message,
  type ModuleRegistrationResponse,
  type Setting,
} from '../../src/schema/index.js'
import { decoded, ownFixture, ownFixtureNames, viaJson } from './support.js'

/** The team's own fixtures, written from spec/protocol.md: every one is valid in strict mode. */
describe('own fixtures (test/fixtures/schema)', () => {
  const all = ownFixtureNames().map((name) => ({ name, message: decoded(ownFixture(name), { mode: 'strict' }).message }))
  const requests = all.filter((f) => f.message.type === 'event_processing_request').map((f) => f.message as EventProcessingRequest)

  it.each(ownFixtureNames())('%s decodes in strict mode; its encoding is a fixed point of decode + encode', (name) => {
    const { message } = decoded(ownFixture(name), { mode: 'strict' })
    const encoded = encodeMessage(message)
    const again = decoded(viaJson(encoded), { mode: 'strict' }).message
    expect(encodeMessage(again)).toStrictEqual(encoded)
  })

  it('cover every event type, runtime environment, notification type and setting type', () => {
    const events = requests.flatMap((r) => r.events)
    expect(events.some(isInvalid)).toBe(false)
    expect(new Set(events.map((e) => (isInvalid(e) ? '' : e.type)))).toEqual(new Set(EVENT_TYPES))
    expect(new Set(requests.flatMap((r) => (r.runtime_environment ? [r.runtime_environment.type] : [])))).toEqual(new Set(RUNTIME_TYPES))
    const notifications = requests.flatMap((r) => r.system_notifications ?? [])
    expect(new Set(notifications.map((n) => (isInvalid(n) ? '' : n.type)))).toEqual(new Set(NOTIFICATION_TYPES))
    const registration = all.find((f) => f.name === 'module_registration_response_full.json')?.message as ModuleRegistrationResponse
    const settings: Setting[] = [...(registration.event_processing_registration?.account_settings ?? [])]
    expect(new Set(settings.map((s) => s.type))).toEqual(new Set(SETTING_TYPES))
    expect(registration.event_processing_registration?.authentication?.type).toBe('oauth2')
    expect(registration.audience_processing_registration?.authentication?.custom_header_name).toBe('X-Acme-Token')
    expect(registration.audience_processing_registration?.bulk_configuration).toEqual({
      bulk_forward_wait_for_messages: 100,
      bulk_forward_wait_in_minutes: 5,
    })
  })

  it('smarttv and alexa keep their own runtime type (Java reports them as unknown)', () => {
    for (const type of ['smarttv', 'alexa'] as const) {
      const request = decoded(ownFixture(`runtime_${type}.json`), { mode: 'strict' }).message as EventProcessingRequest
      expect(request.runtime_environment?.type).toBe(type)
      expect((encodeMessage(request).runtime_environment as { type: string }).type).toBe(type)
    }
  })

  it('DSR submitted_time: ISO string and numeric seconds both become epoch milliseconds; encoded as ISO', () => {
    const iso = decoded(ownFixture('dsr_processing_request_iso.json'), { mode: 'strict' }).message as DsrProcessingRequest
    expect(iso.submitted_time).toBe(Date.UTC(2021, 10, 1, 15, 0, 0, 250))
    expect(encodeMessage(iso).submitted_time).toBe('2021-11-01T15:00:00.250Z')
    const seconds = decoded(ownFixture('dsr_processing_request_seconds.json'), { mode: 'strict' }).message as DsrProcessingRequest
    expect(seconds.submitted_time).toBe(1714592744067)
    expect(encodeMessage(seconds).submitted_time).toBe('2024-05-01T19:45:44.067Z')
  })

  it('keeps mpid as text, user attribute nulls, and __proto__ / constructor keys as data', () => {
    const input = ownFixture('event_processing_request_all_events.json')
    const request = decoded(input, { mode: 'strict' }).message as EventProcessingRequest
    expect(request.mpid).toBe('-5843293867297574491')
    const attributes = request.user_attributes ?? {}
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
    expect(Object.keys(attributes)).toEqual(['$FirstName', 'vip', '__proto__', 'constructor'])
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('kept as data')
    const encoded = encodeMessage(request).user_attributes as Record<string, unknown>
    expect(Object.getPrototypeOf(encoded)).toBe(Object.prototype)
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(input.user_attributes))
  })

  it('an eventless batch decodes with events = [] and encodes without them', () => {
    const request = decoded(ownFixture('event_processing_request_eventless.json'), { mode: 'strict' }).message as EventProcessingRequest
    expect(request.events).toEqual([])
    expect('events' in encodeMessage(request)).toBe(false)
  })

  it('a verification membership request keeps user_profiles absent; an empty audience list stays empty', () => {
    const verification = decoded(ownFixture('audience_membership_change_request_verification.json')).message as Message
    expect('user_profiles' in verification).toBe(false)
    const request = decoded(ownFixture('audience_membership_change_request.json')).message
    expect(request.type === 'audience_membership_change_request' && request.user_profiles?.[1]).toEqual({ mpid: '1', audiences: [] })
  })
})

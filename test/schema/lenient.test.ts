import { describe, expect, it } from 'vitest'
import { CustomEvent, encodeMessage, isInvalid, type AudienceMembershipChangeRequest, type DsrProcessingRequest, type EventProcessingRequest } from '../../src/schema/index.js'
import { decoded, failed, ownFixture, paths, uid } from './support.js'

const envelope = { type: 'event_processing_request', id: uid('req-1'), timestamp_ms: 1714592744066, firehose_version: '3.2.0', account: { account_id: 1 } }
const session = (id: string) => ({ type: 'session_start', id: uid(id), timestamp_ms: 1 })

describe('lenient mode (the default)', () => {
  it('keeps unknown, undecodable and null events in place as invalid items, with absolute paths', () => {
    const input = {
      ...envelope,
      events: [
        session('a'),
        { type: 'future_event', id: uid('b'), timestamp_ms: 2 },
        { type: 'custom_event', id: uid('c'), timestamp_ms: 3, name: [7], custom_event_type: 'bogus' },
        null,
        session('d'),
      ],
    }
    const { message, problems } = decoded(input)
    const events = (message as EventProcessingRequest).events
    expect(events.map((e) => (isInvalid(e) ? `invalid:${e.rawType ?? '-'}` : e.id))).toEqual([uid('a'), 'invalid:future_event', 'invalid:custom_event', 'invalid:-', uid('d')])
    const invalid = events.filter(isInvalid)
    expect(invalid[0].raw).toBe(input.events[1])
    expect(paths(invalid[0].problems)).toEqual(['/events/1/type'])
    expect(paths(invalid[1].problems)).toEqual(['/events/2/name', '/events/2/custom_event_type'])
    expect(paths(invalid[2].problems)).toEqual(['/events/3'])
    for (const item of invalid) for (const p of item.problems) expect(problems).toContainEqual(p)
  })

  it('keeps bad notifications, profiles and audiences in place too', () => {
    const request = decoded({ ...envelope, events: [], system_notifications: [{ type: 'lgpd_consent_state' }, { type: 'gdpr_consent_state' }] }).message as EventProcessingRequest
    expect(request.system_notifications?.map(isInvalid)).toEqual([true, true])
    const membership = decoded({
      ...envelope,
      type: 'audience_membership_change_request',
      user_profiles: [
        {
          audiences: [
            { audience_id: 1, audience_name: 'A', action: 'add' },
            { audience_id: 2, audience_name: 'B', action: 'merge' },
          ],
        },
        'nope',
      ],
    })
    const profiles = (membership.message as AudienceMembershipChangeRequest).user_profiles ?? []
    expect(isInvalid(profiles[1])).toBe(true)
    const first = profiles[0]
    expect(!isInvalid(first) && first.audiences?.map(isInvalid)).toEqual([false, true])
    expect(paths(membership.problems)).toEqual(['/user_profiles/0/audiences/1/action', '/user_profiles/1'])
  })

  it('drops a runtime environment that fails to decode, and reports it', () => {
    const { message, problems } = decoded({ ...envelope, events: [], runtime_environment: { type: 'playstation' } })
    expect('runtime_environment' in message).toBe(false)
    expect(paths(problems)).toEqual(['/runtime_environment/type'])
  })

  it('decodes a missing or null events as an empty batch, and a missing account as no account', () => {
    expect((decoded({ ...envelope }).message as EventProcessingRequest).events).toEqual([])
    expect((decoded({ ...envelope, events: null }).message as EventProcessingRequest).events).toEqual([])
    const { message, problems } = decoded({ type: 'event_processing_request', id: uid('x'), timestamp_ms: 1, firehose_version: '3.2.0' })
    expect('account' in message).toBe(false)
    expect(paths(problems)).toEqual(['/account'])
  })

  it('keeps user_profiles absent when absent (a verification request), [] when []', () => {
    const base = { ...envelope, type: 'audience_membership_change_request' }
    expect('user_profiles' in decoded(base).message).toBe(false)
    expect('user_profiles' in decoded({ ...base, user_profiles: null }).message).toBe(false)
    expect((decoded({ ...base, user_profiles: [] }).message as AudienceMembershipChangeRequest).user_profiles).toEqual([])
  })

  it('accepts null for optional fields and as a setting or user attribute value', () => {
    const { message, problems } = decoded({
      ...envelope,
      account: { account_id: 1, account_settings: { apiKey: null, n: 12, b: true } },
      user_attributes: { tag: null, age: 42 },
      source_id: null,
      mpid: null,
      events: [{ ...session('a'), location: null, session_id: null }],
    })
    const request = message as EventProcessingRequest
    expect(request.account?.account_settings).toEqual({ apiKey: null, n: '12', b: 'true' })
    expect(request.user_attributes).toEqual({ tag: null, age: '42' })
    expect(request.events[0]).toEqual(session('a'))
    expect('source_id' in request || 'mpid' in request).toBe(false)
    expect(paths(problems)).toEqual(['/account/account_settings/n', '/account/account_settings/b', '/user_attributes/age'])
  })

  it('drops a bad map entry or a bad optional message field, keeping the rest', () => {
    const { message, problems } = decoded({ ...envelope, user_attributes: { ok: 'yes', bad: { nested: true } }, consent_state: 'yes', events: [] })
    expect((message as EventProcessingRequest).user_attributes).toEqual({ ok: 'yes' })
    expect('consent_state' in message).toBe(false)
    expect(paths(problems)).toEqual(['/user_attributes/bad', '/consent_state'])
  })

  it('ignores unknown fields (kept as received, never encoded)', () => {
    const { message, problems } = decoded({ ...envelope, events: [{ ...session('a'), brand_new: 1 }], shiny: true })
    expect(problems).toEqual([])
    expect(encodeMessage(message)).not.toHaveProperty('shiny')
  })

  it('reads a DSR request with unknown identity keys and an unknown type, dropping only those', () => {
    const input = ownFixture('dsr_processing_request_iso.json') as Record<string, unknown>
    const subject_identities = { ...(input.subject_identities as object), other6: { encoding: 'raw', value: 'x' } }
    const { message, problems } = decoded({ ...input, subject_identities, subject_request_type: 'access' })
    const request = message as DsrProcessingRequest
    expect(Object.keys(request.subject_identities ?? {})).toEqual(['email', 'controller_customer_id', 'ios_advertising_id'])
    expect(request.subject_request_type).toBeUndefined()
    expect(paths(problems).sort()).toEqual(['/subject_identities/other6', '/subject_request_type'])
  })

  it('fails only on the fatal envelope problems', () => {
    const cases: Array<[unknown, string]> = [
      [[], ''],
      ['text', ''],
      [null, ''],
      [{ id: uid('x'), timestamp_ms: 1 }, '/type'],
      [{ ...envelope, type: 'EVENT_PROCESSING_REQUEST' }, '/type'],
      [{ ...envelope, id: 5 }, '/id'],
      [{ ...envelope, id: undefined }, '/id'],
      [{ ...envelope, timestamp_ms: '1714592744066' }, '/timestamp_ms'],
      [{ ...envelope, events: {} }, '/events'],
      [{ ...envelope, account: 'acct' }, '/account'],
      [{ ...envelope, type: 'audience_membership_change_request', user_profiles: {} }, '/user_profiles'],
    ]
    for (const [input, path] of cases) expect(paths(failed(input).problems)).toContain(path)
  })

  it('the codecs are io-ts types: .decode is strict, .is a type guard', () => {
    expect(CustomEvent.is({ type: 'custom_event', id: uid('a'), timestamp_ms: 1, name: 'n' })).toBe(true)
    expect(CustomEvent.is({ type: 'custom_event', id: uid('a'), timestamp_ms: 1 })).toBe(false)
    const result = CustomEvent.decode({ type: 'custom_event', id: uid('a'), timestamp_ms: 1, name: 5 })
    expect(result._tag === 'Left' && result.left.map((e) => e.message)).toEqual(['/name: expected non-empty string, found number'])
  })
})

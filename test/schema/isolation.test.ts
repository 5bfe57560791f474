import { describe, expect, it } from 'vitest'
import { encodeMessage, isInvalid, type EventProcessingRequest, type ModuleRegistrationResponse } from '../../src/schema/index.js'
import { decoded, failed, paths, uid } from './support.js'

/** Issue 12, finding 3: lenient decoding drops the smallest unit that is bad, and lists it with its path. */
const batch = (extra: Record<string, unknown>) => ({
  type: 'event_processing_request',
  id: uid('req'),
  timestamp_ms: 1714592744066,
  firehose_version: '3.2.0',
  account: { account_id: 1 },
  events: [],
  ...extra,
})
const email = { type: 'email', encoding: 'raw', value: 'a@example.com' }
const customer = { type: 'customer', encoding: 'raw', value: 'c-1' }
const SECRET = 'do-not-log-me@example.com'

describe('lenient decoding isolates the smallest unit (finding 3)', () => {
  it('one null inside user_identities drops that item only', () => {
    const { message, problems } = decoded(batch({ user_identities: [email, null, customer] }))
    expect((message as EventProcessingRequest).user_identities).toEqual([email, customer])
    expect(paths(problems)).toEqual(['/user_identities/1'])
    expect(problems[0]?.message).toContain('(item dropped)')
  })

  it('a bad identity inside a list drops that identity, naming its path and never its value', () => {
    const { message, problems } = decoded(batch({ user_identities: [email, { type: 'email', encoding: 'rot13', value: SECRET }, customer] }))
    expect((message as EventProcessingRequest).user_identities).toEqual([email, customer])
    expect(paths(problems)).toEqual(['/user_identities/1/encoding'])
    expect(JSON.stringify(problems)).not.toContain(SECRET)
  })

  it('an OAuth block without token_url drops the authentication block only, keeping event_processing_registration', () => {
    const registration = {
      type: 'module_registration_response',
      id: uid('reg'),
      timestamp_ms: 1,
      firehose_version: '3.2.0',
      sdk_version: '3.2.0',
      name: 'Partner',
      version: '1.0',
      event_processing_registration: {
        supported_event_types: ['custom_event'],
        max_data_age_hours: 24,
        authentication: { type: 'oauth2', authorization_url: 'https://auth.example.com' },
      },
    }
    const { message, problems } = decoded(registration)
    const events = (message as ModuleRegistrationResponse).event_processing_registration
    expect(events).toEqual({ supported_event_types: ['custom_event'], max_data_age_hours: 24 })
    expect(paths(problems)).toEqual(['/event_processing_registration/authentication/token_url'])
    expect(problems[0]?.message).toContain('(field dropped)')
    expect(paths(failed(registration, { mode: 'strict' }).problems)).toEqual(['/event_processing_registration/authentication/token_url'])
  })

  it('a bad optional field deep inside an event drops that field, keeping the event', () => {
    const event = { type: 'custom_event', id: uid('e'), timestamp_ms: 1, name: 'n', location: { latitude: 'north', longitude: 2 }, custom_event_type: 'navigation' }
    const { message, problems } = decoded(batch({ events: [event] }))
    const [kept] = (message as EventProcessingRequest).events
    expect(kept !== undefined && !isInvalid(kept) && kept).toEqual({ ...event, location: { longitude: 2 } })
    expect(paths(problems)).toEqual(['/events/0/location/latitude'])
  })

  it('a bad product inside an event drops that product only; a bad map entry drops that entry only', () => {
    const product = { id: 'p1', price: 2.5 }
    const event = {
      type: 'product_action',
      id: uid('e'),
      timestamp_ms: 1,
      action: 'purchase',
      products: [product, { id: 'p2', position: 'first' }, 'x'],
      attributes: { a: '1', b: {}, c: '3' },
    }
    const { message, problems } = decoded(batch({ events: [event] }))
    const [kept] = (message as EventProcessingRequest).events
    expect(kept).toMatchObject({ products: [product, { id: 'p2' }], attributes: { a: '1', c: '3' } })
    expect(paths(problems)).toEqual(['/events/0/products/1/position', '/events/0/products/2', '/events/0/attributes/b'])
  })

  it('a nested required field still fails its parent, which is then the unit dropped (a map entry here)', () => {
    const dsr = {
      type: 'dsr_processing_request',
      id: uid('dsr'),
      timestamp_ms: 1,
      firehose_version: '3.2.0',
      account: { account_id: 1 },
      subject_identities: { email: { value: SECRET }, android_id: { encoding: 'raw', value: 'a-1' } },
    }
    const { message, problems } = decoded(dsr)
    expect(message).toMatchObject({ subject_identities: { android_id: { encoding: 'raw', value: 'a-1' } } })
    expect(Object.keys((message as { subject_identities: object }).subject_identities)).toEqual(['android_id'])
    expect(paths(problems)).toEqual(['/subject_identities/email/encoding'])
    expect(problems[0]?.message).toContain('(entry dropped)')
  })

  it('an optional field spec-required inside a map entry is reported and the entry kept', () => {
    const { message, problems } = decoded(batch({ consent_state: { gdpr_consent_state: { p: { consented: true }, q: { consented: 'yes', document: 'd' } } } }))
    expect((message as EventProcessingRequest).consent_state).toEqual({ gdpr_consent_state: { p: { consented: true }, q: { document: 'd' } } })
    expect(paths(problems)).toEqual(['/consent_state/gdpr_consent_state/q/consented'])
  })

  it('what was kept re-encodes without the dropped parts', () => {
    const { message } = decoded(batch({ user_identities: [email, null] }))
    expect(encodeMessage(message)).toMatchObject({ user_identities: [email] })
  })

  it('strict mode still fails on each of them, naming the path', () => {
    expect(paths(failed(batch({ user_identities: [email, null] }), { mode: 'strict' }).problems)).toEqual(['/user_identities/1'])
  })
})

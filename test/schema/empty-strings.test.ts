import { describe, expect, it } from 'vitest'
import { encodeMessage, type EventProcessingRequest } from '../../src/schema/index.js'
import { decoded, failed, paths, uid } from './support.js'

/**
 * Issue 12, finding 5: Java drops "" (`NON_EMPTY`) when it writes `audience_name`, `name`,
 * `screen_name`, `token`, GDPR `purpose` and DSR identity `value`. Decision: strict mode rejects
 * "" there; lenient mode keeps it (the handler still gets the event) and reports the path; the
 * encoder never writes "" for them (the key is left out, exactly what Java writes).
 */
const envelope = (type: string) => ({ type, id: uid('m'), timestamp_ms: 1, firehose_version: '3.2.0', account: { account_id: 1 } })
const batch = (extra: Record<string, unknown>) => ({ ...envelope('event_processing_request'), events: [], ...extra })
const event = (type: string, fields: Record<string, unknown>) => ({ type, id: uid('e'), timestamp_ms: 1, ...fields })

const cases: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
  ['custom_event name', batch({ events: [event('custom_event', { name: '' })] }), '/events/0/name'],
  ['screen_view screen_name', batch({ events: [event('screen_view', { screen_name: '' })] }), '/events/0/screen_name'],
  ['push_subscription token', batch({ events: [event('push_subscription', { action: 'subscribe', token: '' })] }), '/events/0/token'],
  ['GDPR notification purpose', batch({ system_notifications: [{ type: 'gdpr_consent_state', purpose: '' }] }), '/system_notifications/0/purpose'],
  ['audience subscription audience_name', { ...envelope('audience_subscription_request'), audience_id: 1, audience_name: '', action: 'add' }, '/audience_name'],
  [
    'membership audience audience_name',
    { ...envelope('audience_membership_change_request'), user_profiles: [{ audiences: [{ audience_id: 1, audience_name: '', action: 'add' }] }] },
    '/user_profiles/0/audiences/0/audience_name',
  ],
  ['DSR identity value', { ...envelope('dsr_processing_request'), subject_identities: { email: { encoding: 'raw', value: '' } } }, '/subject_identities/email/value'],
]

describe('empty required strings (finding 5)', () => {
  it.each(cases)('%s: strict mode rejects "" at its path', (_, message, path) => {
    expect(paths(failed(message, { mode: 'strict' }).problems)).toEqual([path])
  })

  it.each(cases)('%s: lenient mode keeps "" and reports it; the encoder leaves the key out, as Java does', (_, message, path) => {
    const result = decoded(message)
    expect(paths(result.problems)).toEqual([path])
    expect(result.problems[0]?.message).toContain('(kept as sent; never written)')
    const written = JSON.stringify(encodeMessage(result.message))
    expect(written).not.toContain('""')
    const key = path.split('/').pop()!
    expect(written).not.toContain(`"${key}":`)
  })

  it('a lenient custom event with an empty name still reaches the handler, in place', () => {
    const request = decoded(batch({ events: [event('custom_event', { name: '' })] })).message as EventProcessingRequest
    expect(request.events[0]).toMatchObject({ type: 'custom_event', name: '' })
  })
})

import { expect, it } from 'vitest'
import { describeShared, javaFixture, javaFixtureNames } from '../support/shared.js'
import { encodeMessage, isInvalid, type AudienceMembershipChangeRequest, type DsrProcessingRequest, type EventProcessingRequest } from '../../src/schema/index.js'
import { decoded, failed, paths } from './support.js'

describeShared('conformance with the Java SDK example messages (../shared/fixtures/java-sdk)', () => {
  it('finds the 11 example messages', () => {
    expect(javaFixtureNames()).toHaveLength(11)
  })

  it.each(javaFixtureNames())('%s decodes in lenient mode', (name) => {
    const input = javaFixture(name) as Record<string, unknown>
    const { message } = decoded(input)
    expect(message.type).toBe(input.type)
    expect(message.id).toBe(input.id)
  })

  it.each(javaFixtureNames().filter((name) => !['AudienceMembershipChangeRequest.json', 'DsrProcessingRequest.json'].includes(name)))(
    '%s decodes in strict mode with no problems',
    (name) => {
      expect(decoded(javaFixture(name), { mode: 'strict' }).problems).toEqual([])
    },
  )

  it('AudienceMembershipChangeRequest.json fails strict mode at its empty attribute object, and only there', () => {
    const failure = failed(javaFixture('AudienceMembershipChangeRequest.json'), { mode: 'strict' })
    const at = '/user_profiles/0/audiences/1/user_attributes/2'
    expect(failure.problems.length).toBeGreaterThan(0)
    for (const path of paths(failure.problems)) expect(path === at || path.startsWith(`${at}/`)).toBe(true)
    expect(failure.message).toContain(at)
  })

  it('AudienceMembershipChangeRequest.json keeps every profile and audience in lenient mode, reporting the empty attribute', () => {
    const { message, problems } = decoded(javaFixture('AudienceMembershipChangeRequest.json'))
    const request = message as AudienceMembershipChangeRequest
    expect(request.user_profiles).toHaveLength(1)
    const audiences = request.user_profiles?.[0]
    expect(audiences !== undefined && !isInvalid(audiences) && audiences.audiences?.every((a) => !isInvalid(a))).toBe(true)
    expect(paths(problems).every((p) => p.startsWith('/user_profiles/0/audiences/1/user_attributes/2/'))).toBe(true)
  })

  it('DsrProcessingRequest.json: lacks the required account (strict fails there); numeric seconds become epoch ms', () => {
    expect(paths(failed(javaFixture('DsrProcessingRequest.json'), { mode: 'strict' }).problems)).toEqual(['/account'])
    const request = decoded(javaFixture('DsrProcessingRequest.json')).message as DsrProcessingRequest
    expect(request.submitted_time).toBe(1714592744067)
    expect(request.subject_identities?.email?.value).toBe('jane.doe@example.com')
  })

  it('ModuleRegistrationResponse.json round-trips: encode(decode(x)) deep-equals x', () => {
    const input = javaFixture('ModuleRegistrationResponse.json')
    expect(encodeMessage(decoded(input, { mode: 'strict' }).message)).toStrictEqual(input)
  })

  it.each(['EventProcessingRequest_android.json', 'EventProcessingRequest_ios.json'])('%s keeps every event, identity and notification', (name) => {
    const input = javaFixture(name) as { events: unknown[]; system_notifications: unknown[] }
    const request = decoded(input, { mode: 'strict' }).message as EventProcessingRequest
    expect(request.events).toEqual(input.events)
    expect(request.system_notifications).toEqual(input.system_notifications)
    expect(request.mpid).toBe('12345')
  })

  it.each(javaFixtureNames().filter((name) => name !== 'AudienceMembershipChangeRequest.json' && name !== 'DsrProcessingRequest.json'))(
    '%s: encoding the decoded message writes back every field of the fixture',
    (name) => {
      const input = javaFixture(name) as Record<string, unknown>
      expect(encodeMessage(decoded(input).message)).toStrictEqual(input)
    },
  )
})

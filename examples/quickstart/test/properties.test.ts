import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { isInvalid, type AudienceMembershipChangeRequest, type CustomEvent } from 'firehose-kit/schema'
import { arbAccount, arbAudienceMembershipChangeRequest, arbEventOfType, arbEventProcessingRequest, eventBatch, invoke, type ScriptedAnswer } from 'firehose-kit/testing'
import { API_KEY, acme } from './support.js'

/** Generated custom events, made fresh (older ones are skipped by design) and with distinct ids. */
const freshCustomEvents = fc.array(arbEventOfType('custom_event'), { minLength: 1, maxLength: 6 }).map((events) => {
  // One clock reading per batch: read per event, a slow machine's clock moves on between events and breaks their order.
  const now = Date.now()
  return events.map((event, i): CustomEvent => ({ ...event, id: `event-${i}`, timestamp_ms: now - i }))
})

/** Events of the two types the quickstart tracks, added to generated batches so most runs reach Acme. */
const trackedEvents = fc.array(fc.oneof(arbEventOfType('custom_event'), arbEventOfType('screen_view')), { maxLength: 3 })

/** Whatever Acme might answer: any status the client can meet, any JSON, or no answer at all. */
const acmeAnswer: fc.Arbitrary<ScriptedAnswer> = fc.oneof(
  fc.record({ status: fc.constantFrom(200, 201, 202, 400, 401, 403, 404, 408, 409, 429, 500, 502, 503), json: fc.jsonValue() }),
  fc.record({ networkError: fc.constantFrom('reset', 'refused', 'dns', 'timeout') as fc.Arbitrary<'reset' | 'refused' | 'dns' | 'timeout'> }),
)

/** Gives every audience a list id (its own id), as a subscription answered by this integration would have. */
const withListIds = (request: AudienceMembershipChangeRequest): AudienceMembershipChangeRequest => ({
  ...request,
  user_profiles: request.user_profiles?.map((profile) =>
    isInvalid(profile)
      ? profile
      : { ...profile, audiences: profile.audiences?.map((a) => (isInvalid(a) ? a : { ...a, audience_subscription_settings: { listId: String(a.audience_id) } })) },
  ),
})

/** Settings as mParticle may send them: missing, empty, or odd. */
const anySettings = arbAccount({
  apiKey: fc.oneof({ weight: 3, arbitrary: fc.constant(API_KEY) }, { weight: 1, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.constant(null) }),
  region: fc.option(fc.string(), { nil: null }),
  sandbox: fc.constantFrom('true', 'false', 'yes', ''),
})

/** A handler that crashed shows up as "handler threw"; a total one only ever answers or fails with a typed error. */
const crashed = (lines: ReadonlyArray<string>, reason = ''): boolean => [...lines, reason].some((line) => line.includes('handler threw') || line.includes('not a FirehoseError'))

// Style 1: @fast-check/vitest — `test.prop([arbitraries])(name, property)`, each generated value a test argument.
describe('every custom event', () => {
  test.prop([freshCustomEvents, fc.string(), fc.boolean()])('becomes exactly one well-formed track call', async (events, region, sandbox) => {
    const { handler, api } = acme()
    const result = await invoke(handler, eventBatch({ events, settings: { apiKey: API_KEY, region, sandbox } }))

    expect(result.ok).toBe(true)
    expect(api.requests).toHaveLength(events.length)
    for (const event of events) {
      const calls = api.requests.filter((r) => (r.body as { messageId?: unknown }).messageId === event.id)
      expect(calls).toHaveLength(1)
      const [call] = calls
      expect(call?.method).toBe('POST')
      expect(call?.url).toBe('https://api.acme.example/v1/track')
      expect(call?.headers.authorization).toBe(`Bearer ${API_KEY}`)
      expect(call?.body).toMatchObject({ type: 'track', name: event.name, timestamp: event.timestamp_ms, context: { region, sandbox } })
      expect((call?.body as { properties: unknown }).properties).toEqual(event.attributes ?? {})
    }
  })
})

// Style 2: plain vitest + fast-check — `fc.assert(fc.asyncProperty(...))` inside an ordinary `it`.
describe('the handler is total', () => {
  it('on arbitrary event batches with arbitrary settings and Acme answers', async () => {
    await fc.assert(
      fc.asyncProperty(arbEventProcessingRequest, trackedEvents, anySettings, fc.array(acmeAnswer, { maxLength: 8 }), async (generated, tracked, account, answers) => {
        const events = [...generated.events, ...tracked].map((e) => ({ ...e, timestamp_ms: Date.now() }))
        const message = { ...generated, account, events }
        const { handler, api, logger } = acme(answers)
        const result = await invoke(handler, message)

        if (result.ok) expect(result.response.type).toBe('event_processing_response')
        else expect(result.error.kind).toBe('retryable')
        expect(crashed(logger.lines, result.ok ? '' : result.error.message)).toBe(false)
        const trackable = events.filter((e) => e.type === 'custom_event' || e.type === 'screen_view').length
        expect(api.requests.length).toBeLessThanOrEqual(3 * trackable)
      }),
    )
  })

  it('on arbitrary membership changes: at most one call per audience and direction, always on a list path', async () => {
    await fc.assert(
      fc.asyncProperty(arbAudienceMembershipChangeRequest, anySettings, fc.array(acmeAnswer, { maxLength: 8 }), async (generated, account, answers) => {
        const { handler, api, logger } = acme(answers)
        const result = await invoke(handler, { ...withListIds(generated), account })

        if (result.ok) expect(result.response.type).toBe('audience_membership_change_response')
        else expect(result.error.kind).toBe('retryable')
        expect(crashed(logger.lines, result.ok ? '' : result.error.message)).toBe(false)
        const paths = api.requests.map((r) => r.path)
        for (const path of paths) expect(path).toMatch(/^\/v1\/lists\/-?\d+\/members\/(add|remove)$/)
        // Retries repeat a call back to back; a path showing up again later would be a second call for the same audience and direction.
        const runs = paths.filter((path, i) => i === 0 || path !== paths[i - 1]).length
        expect(runs).toBe(new Set(paths).size)
      }),
    )
  })
})

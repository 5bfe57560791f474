import middy from '@middy/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateResponses } from '../../middlewares/validate-responses.js'
import { firehoseState } from '../../src/core/state.js'
import { responseFor } from '../../src/core/envelope.js'
import { isUuid, type EventProcessingRequest } from '../../src/schema/index.js'
import {
  arbAudienceMembershipChangeRequest,
  arbEventProcessingRequest,
  arbMessage,
  audienceMembership,
  customEvent,
  dsrRequest,
  eventBatch,
  registrationRequest,
  screenView,
} from '../../src/testing/index.js'
import { decoded, failed, paths, uid } from './support.js'

/** Issue 12, finding 2: ids are UUIDs wherever the Java model declares `UUID` (message and event `id`). */
const request = (id: unknown, eventId: unknown = uid('e')) => ({
  type: 'event_processing_request',
  id,
  timestamp_ms: 1714592744066,
  firehose_version: '3.2.0',
  account: { account_id: 1 },
  events: [{ type: 'session_start', id: eventId, timestamp_ms: 1 }],
})

describe('UUID ids (finding 2)', () => {
  it('isUuid takes the 36-character form Java reads, either case, and nothing else', () => {
    expect(isUuid('3F0C1A52-7d0e-4c59-9a3e-2a8f0e6b1c44')).toBe(true)
    for (const bad of ['req-1', '', '3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c4', '3f0c1a52_7d0e_4c59_9a3e_2a8f0e6b1c44', '3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c4g', 5, null])
      expect(isUuid(bad)).toBe(false)
  })

  it('isUuid answers as the 8-4-4-4-12 hex regular expression does, for any string', () => {
    const form = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
    const hexish = fc.constantFrom(...'0123456789abcdefABCDEFgG-_ \u0660\u0130\uff10\u0131'.split(''))
    const candidates = fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      fc.string({ unit: hexish, minLength: 36, maxLength: 36 }),
      fc
        .tuple(
          fc.uuid(),
          fc.nat(35),
          fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
        )
        .map(([id, at, char]) => id.slice(0, at) + char + id.slice(at + 1)),
      fc.string(),
    )
    // Both stages of isUuid: a process's first ids go to the regular expression, the later ones to the character loop.
    fc.assert(
      fc.property(candidates, (text) => isUuid(text) === form.test(text)),
      { numRuns: 2000 },
    )
  })

  it.each(['req-1', ''])('strict mode rejects the message id %j at /id, and a non-UUID event id at its path', (id) => {
    expect(paths(failed(request(id), { mode: 'strict' }).problems)).toEqual(['/id'])
    expect(paths(failed(request(uid('r'), id), { mode: 'strict' }).problems)).toEqual(['/events/0/id'])
  })

  it.each(['req-1', ''])('lenient mode keeps the id %j as sent and reports it (no value in the problem)', (id) => {
    const { message, problems } = decoded(request(id, id))
    expect(message.id).toBe(id)
    expect((message as EventProcessingRequest).events[0]).toMatchObject({ id })
    expect(paths(problems)).toEqual(['/id', '/events/0/id'])
    expect(problems[0]?.message).toBe('/id: expected UUID, found string (kept as sent)')
  })

  it('an id that is not a string is still fatal for the message and makes the event an invalid item', () => {
    expect(paths(failed(request(5)).problems)).toEqual(['/id'])
    expect(decoded(request(uid('r'), 5)).message).toMatchObject({ events: [{ invalid: true }] })
  })

  it.each([
    ['a UUID', uid('r'), uid('r')],
    ['"req-1"', 'req-1', undefined],
    ['""', '', undefined],
  ])('a response to a request whose id is %s carries a UUID (the request’s when it is one)', (_, id, echoed) => {
    const response = responseFor({ type: 'event_processing_request', id }, 1714592744066)
    expect(isUuid(response.id)).toBe(true)
    if (echoed !== undefined) expect(response.id).toBe(echoed)
  })

  it('the response schema refuses "" and other non-UUID ids, as the codec does', async () => {
    for (const id of ['', 'x']) {
      const handler = middy(async () => ({ type: 'event_processing_response', id, timestamp_ms: 1 }))
        .use(validateResponses())
        .use({ before: (r) => void (firehoseState(r).decoded = { message: { type: 'event_processing_request' } as never, problems: [] }) })
      await expect(handler({}, {} as never)).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('/id') })
    }
    const ok = middy(async () => ({ type: 'event_processing_response', id: uid('ok'), timestamp_ms: 1 }))
      .use(validateResponses())
      .use({ before: (r) => void (firehoseState(r).decoded = { message: { type: 'event_processing_request' } as never, problems: [] }) })
    await expect(ok({}, {} as never)).resolves.toMatchObject({ id: uid('ok') })
  })

  it('the builders make UUID message and event ids that decode strictly', () => {
    const batch = eventBatch({ events: [customEvent(), screenView()] })
    for (const message of [batch, registrationRequest(), audienceMembership(), dsrRequest()]) {
      expect(isUuid(message.id)).toBe(true)
      expect(decoded(message, { mode: 'strict' }).problems).toEqual([])
    }
    expect(batch.events.every((event) => isUuid((event as { id: string }).id))).toBe(true)
  })

  it('the arbitraries make UUID message and event ids', () => {
    for (const message of fc.sample(arbMessage, 200)) expect(isUuid(message.id)).toBe(true)
    for (const batch of fc.sample(arbEventProcessingRequest, 100)) for (const event of batch.events) expect(isUuid((event as { id: string }).id)).toBe(true)
    expect(fc.sample(arbAudienceMembershipChangeRequest, 20).every((m) => isUuid(m.id))).toBe(true)
  })
})

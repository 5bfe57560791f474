import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from '../../../src/schema/index.js'
import { audience, audienceMembership, customEvent, eventBatch, userProfile } from '../../../src/testing/index.js'
import { chunkId, DEFAULT_MAX_MESSAGE_BYTES, splitMessage } from '../../../src/queue/index.js'

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
const asRecord = (value: unknown): Record<string, unknown> => value as Record<string, unknown>

/** ~500 bytes per event, with some multi-byte text so bytes and characters differ. */
const padded = (index: number) => customEvent({ name: `event ${index}`, attributes: { note: 'é'.repeat(100) + 'x'.repeat(200 + (index % 50)) } })

describe('splitMessage', () => {
  it('sends a message that fits whole, as its own JSON text', () => {
    const batch = eventBatch({ events: [customEvent(), customEvent()] })
    const split = splitMessage(asRecord(batch))
    expect(split.oversize).toEqual([])
    expect(split.messages).toHaveLength(1)
    expect(split.messages[0]!.body).toBe(JSON.stringify(batch))
    expect(split.messages[0]!.id).toBe(batch.id)
    expect(split.messages[0]!.chunk).toBeUndefined()
  })

  it('splits a 2,000-event batch (~1 MB) into chunks under the limit, every event in exactly one', () => {
    const events = Array.from({ length: 2000 }, (_, i) => padded(i))
    const batch = eventBatch({ events })
    expect(bytes(JSON.stringify(batch))).toBeGreaterThan(1_000_000)
    const split = splitMessage(asRecord(batch))
    expect(split.oversize).toEqual([])
    expect(split.messages.length).toBeGreaterThanOrEqual(4)
    const seen: string[] = []
    split.messages.forEach((message, index) => {
      expect(message.bytes).toBe(bytes(message.body))
      expect(message.bytes).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES)
      expect(message.chunk).toEqual({ index, count: split.messages.length })
      const decoded = decodeMessage(JSON.parse(message.body), { mode: 'strict' })
      expect(decoded._tag).toBe('Right')
      const chunk = JSON.parse(message.body)
      expect(chunk.id).toBe(chunkId(batch.id, index))
      expect(chunk.account).toEqual(batch.account)
      expect(chunk.user_identities).toEqual(batch.user_identities)
      expect(chunk.mpid).toBe(batch.mpid)
      seen.push(...chunk.events.map((event: { id: string }) => event.id))
    })
    expect(seen).toEqual(events.map((event) => event.id))
  })

  it('is deterministic: the same message splits into the same chunks with the same ids', () => {
    const batch = eventBatch({ events: Array.from({ length: 300 }, (_, i) => padded(i)) })
    const a = splitMessage(asRecord(batch), 20_000)
    const b = splitMessage(asRecord(structuredClone(batch)), 20_000)
    expect(a.messages.map((m) => m.body)).toEqual(b.messages.map((m) => m.body))
    expect(new Set(a.messages.map((m) => m.id)).size).toBe(a.messages.length)
    expect(a.messages.every((m) => /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(m.id))).toBe(true)
  })

  it('splits a membership change by profiles, each chunk keeping the account', () => {
    const profiles = Array.from({ length: 400 }, (_, i) =>
      userProfile({ email: `user${i}@example.com`, mpid: String(1000 + i), audiences: [audience({ audienceId: i % 3, action: i % 2 ? 'add' : 'delete' })] }),
    )
    const membership = audienceMembership({ profiles })
    const split = splitMessage(asRecord(membership), 10_000)
    expect(split.messages.length).toBeGreaterThan(3)
    const mpids: string[] = []
    for (const message of split.messages) {
      expect(message.bytes).toBeLessThanOrEqual(10_000)
      expect(decodeMessage(JSON.parse(message.body), { mode: 'strict' })._tag).toBe('Right')
      const chunk = JSON.parse(message.body)
      expect(chunk.type).toBe('audience_membership_change_request')
      expect(chunk.account).toEqual(membership.account)
      mpids.push(...chunk.user_profiles.map((p: { mpid: string }) => p.mpid))
    }
    expect(mpids).toEqual(profiles.map((p) => p.mpid))
  })

  it('keeps system notifications in the first chunk only, so their handlers run once', () => {
    const notification = { type: 'gdpr_consent_state', purpose: 'marketing', old_consent_state: null, new_consent_state: null }
    const batch = { ...eventBatch({ events: Array.from({ length: 100 }, (_, i) => padded(i)) }), system_notifications: [notification] }
    const split = splitMessage(asRecord(batch), 10_000)
    const notifications = split.messages.map((m) => JSON.parse(m.body).system_notifications)
    expect(notifications[0]).toEqual([notification])
    expect(notifications.slice(1).every((n) => Array.isArray(n) && n.length === 0)).toBe(true)
  })

  it('leaves out an event too large for any message and names it; the others still go', () => {
    const huge = customEvent({ name: 'huge', attributes: { blob: 'x'.repeat(30_000) } })
    const events = [padded(1), huge, padded(2)]
    const split = splitMessage(asRecord(eventBatch({ events })), 20_000)
    expect(split.oversize).toEqual([huge.id])
    const carried = split.messages.flatMap((m) => JSON.parse(m.body).events.map((e: { id: string }) => e.id))
    expect(carried).toEqual([events[0]!.id, events[2]!.id])
  })

  it('names a profile too large by its position, never by its identities', () => {
    const big = userProfile({ email: 'big@example.com', user_attributes: { bio: 'x'.repeat(30_000) } } as never)
    const split = splitMessage(asRecord(audienceMembership({ profiles: [userProfile({ email: 'a@example.com' }), big] })), 20_000)
    expect(split.oversize).toEqual(['user_profiles/1'])
    expect(split.messages).toHaveLength(1)
  })

  it('reports the message itself when nothing in it can be split (an eventless batch of huge user data)', () => {
    const batch = eventBatch({ events: [], user_attributes: { bio: 'x'.repeat(30_000) } })
    expect(splitMessage(asRecord(batch), 20_000)).toEqual({ messages: [], oversize: [batch.id], unserialisable: [] })
  })

  test.prop([fc.array(fc.string({ maxLength: 600, unit: 'binary' }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 3_000, max: 30_000 })], { numRuns: 60 })(
    'every event is carried exactly once, in order, and every chunk fits',
    (notes, limit) => {
      const events = notes.map((note) => customEvent({ attributes: { note } }))
      const split = splitMessage(asRecord(eventBatch({ events })), limit)
      const carried = split.messages.flatMap((m) => JSON.parse(m.body).events.map((e: { id: string }) => e.id))
      expect([...carried, ...split.oversize].sort()).toEqual(events.map((e) => e.id).sort())
      expect(carried).toEqual(events.map((e) => e.id).filter((id) => !split.oversize.includes(id)))
      for (const message of split.messages) expect(bytes(message.body)).toBeLessThanOrEqual(limit)
    },
  )
})

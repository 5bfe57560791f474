import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import type { CustomEvent } from 'firehose-kit/schema'
import { arbEventOfType, eventBatch, invoke } from 'firehose-kit/testing'
import { escapeMrkdwn } from '../src/slack.js'
import { settings, slack, WEBHOOK_URL } from './support.js'

const freshCustomEvents = fc.array(arbEventOfType('custom_event'), { minLength: 1, maxLength: 5 }).map((events) => {
  // One clock reading per batch: read per event, a slow machine's clock moves on between events and breaks their order.
  const now = Date.now()
  return events.map((event, i): CustomEvent => ({ ...event, id: `event-${i}`, timestamp_ms: now - 10 * i }))
})

describe('every custom event', () => {
  test.prop([freshCustomEvents])('is one post to the webhook whose text names it and carries no raw Slack markup', async (events) => {
    const { handler, api } = slack()
    const result = await invoke(handler, eventBatch({ events, settings }))

    expect(result.ok).toBe(true)
    expect(api.requests).toHaveLength(events.length)
    const texts = api.requests.map((r) => {
      expect(r.method).toBe('POST')
      expect(r.url).toBe(WEBHOOK_URL)
      expect(Object.keys(r.body as object)).toEqual(['text'])
      return (r.body as { text: string }).text
    })
    // Posted oldest first: the last generated event is the oldest.
    const oldestFirst = [...events].reverse()
    texts.forEach((text, i) => {
      const event = oldestFirst[i]!
      expect(text.startsWith(`*${escapeMrkdwn(event.name)}* from user@example.com`)).toBe(true)
      for (const [key, value] of Object.entries(event.attributes ?? {})) expect(text).toContain(`\n• ${escapeMrkdwn(key)}: ${escapeMrkdwn(value)}`)
      expect(text).not.toMatch(/[<>]/)
    })
  })
})

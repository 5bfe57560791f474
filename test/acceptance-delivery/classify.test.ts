import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryStore, type Classifier } from '../../src/index.js'
import { classifyResponse } from '../../src/delivery/index.js'
import { audienceMembership, eventBatch, invoke } from '../../src/testing/index.js'
import { accountSettings, integration, numberedEvents, ok, partner, type Partner } from './support.js'

let api: Partner
beforeEach(async () => {
  api = await partner()
})
afterEach(async () => {
  await api.close()
})

const batchOf = (count: number) => eventBatch({ events: numberedEvents(count), settings: accountSettings })

describe('the status classifier end to end, through firehose() and a real partner server', () => {
  for (const status of [401, 403]) {
    it(`partner ${status} on an event batch: the message answers suspend_subscription true, no retry, later events not sent`, async () => {
      api.script({ status })
      const app = integration({ partnerUrl: api.url, checkpoints: memoryStore(), retries: 2 })
      const result = await invoke(app.handler, batchOf(3))
      expect(result).toMatchObject({ ok: true, response: { type: 'event_processing_response', suspend_subscription: true } })
      expect(api.requests).toHaveLength(1)
    })

    it(`partner ${status} on a membership change: suspend_subscription true`, async () => {
      api.script({ status })
      const app = integration({ partnerUrl: api.url, retries: 2 })
      const result = await invoke(app.handler, audienceMembership({ settings: accountSettings }))
      expect(result).toMatchObject({ ok: true, response: { type: 'audience_membership_change_response', suspend_subscription: true } })
      expect(api.requests).toHaveLength(1)
    })
  }

  it('partner 400: the event is logged as failed for good, the batch acknowledged, the other events sent', async () => {
    api.script(ok, { status: 400 }, ok)
    const message = batchOf(3)
    const app = integration({ partnerUrl: api.url, checkpoints: memoryStore(), retries: 2 })
    const result = await invoke(app.handler, message)
    expect(result).toMatchObject({ ok: true, response: { type: 'event_processing_response' } })
    expect(result).not.toHaveProperty('response.suspend_subscription', true)
    expect(api.requests).toHaveLength(3)
    const failed = app.logger.records().filter((r) => r.message === 'item failed for good')
    expect(failed).toEqual([expect.objectContaining({ item: (message.events![1] as { id: string }).id, messageId: message.id, stage: 'on:custom_event' })])
  })

  it('503 every time: retries 0 makes one call, retries 2 makes three; both end retryable', async () => {
    const always503 = Array.from({ length: 10 }, () => ({ status: 503 }))
    api.script(...always503)
    const none = integration({ partnerUrl: api.url, retries: 0 })
    expect(await invoke(none.handler, batchOf(1))).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(api.requests).toHaveLength(1)

    api.reset()
    api.script(...always503)
    const two = integration({ partnerUrl: api.url, retries: 2 })
    expect(await invoke(two.handler, batchOf(1))).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(api.requests).toHaveLength(3)
  })

  it('503 then 200 with retries 2: delivered inside one invocation, two calls', async () => {
    api.script({ status: 503 }, ok)
    const app = integration({ partnerUrl: api.url, retries: 2 })
    expect(await invoke(app.handler, batchOf(1))).toMatchObject({ ok: true })
    expect(api.requests).toHaveLength(2)
  })

  it('a custom classifier replaces the defaults: this partner’s 500 is permanent, its 200 with an error body is retryable', async () => {
    const classify: Classifier = (result) => {
      if ('status' in result && result.status === 500) return { outcome: 'permanent', detail: 'partner says never retry 500' }
      if ('status' in result && result.status === 200 && (result.json as { error?: string } | undefined)?.error === 'busy') return 'retryable'
      return classifyResponse(result)
    }
    api.script({ status: 500 }, ok)
    const app = integration({ partnerUrl: api.url, retries: 2, classify })
    expect(await invoke(app.handler, batchOf(2))).toMatchObject({ ok: true })
    expect(api.requests).toHaveLength(2)
    expect(app.logger.records().find((r) => r.message === 'item failed for good')?.reason).toContain('never retry 500')

    api.reset()
    api.script(...Array.from({ length: 3 }, () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"error":"busy"}' })))
    expect(await invoke(app.handler, batchOf(1))).toMatchObject({ ok: false, error: { kind: 'retryable' } })
    expect(api.requests).toHaveLength(3)
  })
})

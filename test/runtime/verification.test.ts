import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { audienceMembership, eventBatch } from '../../src/testing/builders.js'
import { invoke } from '../../src/testing/invoke.js'

const build = (allowEventlessBatches: boolean) => {
  const calls: string[] = []
  const handler = firehose(
    {
      registration: { name: 'V', version: '1', permissions: { allowEventlessBatches }, events: { types: ['custom_event'] }, audiences: {} },
      onEvents: (batch) => (calls.push(`onEvents:${batch.events.length}`), E.right(undefined)),
      onAudience: () => (calls.push('onAudience'), E.right(undefined)),
    },
    { auth: false, logger: memoryLogger() },
  )
  return { handler, calls }
}

const bare = { user_identities: undefined, user_attributes: undefined, mpid: undefined, runtime_environment: undefined }

describe('verification requests', () => {
  it.each([true, false])('an event batch with no events and no user data gets the empty response, no handler (allowEventlessBatches %s)', async (allow) => {
    const { handler, calls } = build(allow)
    const message = eventBatch({ events: [], ...bare, account: undefined } as never)
    const result = await invoke(handler, message)
    expect(result).toEqual({ ok: true, response: { type: 'event_processing_response', id: message.id, timestamp_ms: expect.any(Number), firehose_version: '3.2.0' } })
    expect(calls).toEqual([])
  })

  it('a batch with user data but no events is a verification request without allowEventlessBatches', async () => {
    const { handler, calls } = build(false)
    expect((await invoke(handler, eventBatch({ events: [] }))).ok).toBe(true)
    expect(calls).toEqual([])
  })

  it('with allowEventlessBatches, a batch with user data but no events reaches onEvents', async () => {
    const { handler, calls } = build(true)
    expect((await invoke(handler, eventBatch({ events: [] }))).ok).toBe(true)
    expect(calls).toEqual(['onEvents:0'])
  })

  it('a batch whose events key is missing counts as empty', async () => {
    const { handler, calls } = build(false)
    const message = eventBatch()
    delete (message as { events?: unknown }).events
    expect((await invoke(handler, message)).ok).toBe(true)
    expect(calls).toEqual([])
  })

  it('a membership request without user_profiles gets the empty response; an empty array still reaches onAudience', async () => {
    const { handler, calls } = build(false)
    const verification = await invoke(handler, audienceMembership({ profiles: null }))
    expect(verification.ok && verification.response).toMatchObject({ type: 'audience_membership_change_response', suspend_subscription: false })
    expect(calls).toEqual([])
    await invoke(handler, audienceMembership({ profiles: [] }))
    expect(calls).toEqual(['onAudience'])
  })

  it('verification requests are answered even when settings are missing', async () => {
    const { handler } = build(false)
    const message = audienceMembership({ profiles: null })
    delete (message as { account?: unknown }).account
    expect((await invoke(handler, message)).ok).toBe(true)
  })
})

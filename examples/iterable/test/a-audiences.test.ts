import { describe, expect, it } from 'vitest'
import { call, expectAck, fixture, run, type WireCall, UUID } from './support.js'

const LIST_OK = { status: 200, json: { successCount: 1, failCount: 0 } }
const listScript = () => LIST_OK

/** List calls in Java's order (subscribes before unsubscribes); order across lists is not asserted. */
const byDirection = (calls: WireCall[]) => {
  const subscribe = calls.filter((c) => c.path === '/api/lists/subscribe')
  const unsubscribe = calls.filter((c) => c.path === '/api/lists/unsubscribe')
  expect(calls).toEqual([...subscribe, ...unsubscribe])
  const sorted = (list: WireCall[]) => [...list].sort((a, b) => (a.body as any).listId - (b.body as any).listId)
  return { subscribe: sorted(subscribe), unsubscribe: sorted(unsubscribe) }
}

describe('A audiences', () => {
  it('A1: one call per list and direction, all users of a list together, subscribes first, listId an integer', async () => {
    const { result, calls } = await run(fixture('a1-grouping.json'), { script: listScript })
    expectAck(result, 'audience_membership_change_response', 'aud-a1')
    expect((result as any).response.suspend_subscription).toBe(false)
    const a = { email: 'a@x', userId: 'c1' }
    const b = { email: 'b@x', userId: 'c2' }
    expect(byDirection(calls)).toEqual({
      subscribe: [
        call('/api/lists/subscribe', { listId: 1, subscribers: [a] }),
        call('/api/lists/subscribe', { listId: 2, subscribers: [a] }),
        call('/api/lists/subscribe', { listId: 3, subscribers: [b] }),
      ],
      unsubscribe: [
        call('/api/lists/unsubscribe', { listId: 1, subscribers: [b] }),
        call('/api/lists/unsubscribe', { listId: 2, subscribers: [b] }),
        call('/api/lists/unsubscribe', { listId: 3, subscribers: [a] }),
      ],
    })
  })

  it('A2: mpid mode: mpid as userId, placeholder email for a profile without one', async () => {
    const { calls } = await run(fixture('a2-mpid-mode.json'), { script: listScript })
    const users = [
      { email: 'm1@placeholder.email', userId: 'm1' },
      { email: 'email_only@x.com', userId: 'm2' },
      { email: 'email_and_id@x.com', userId: 'm3' },
    ]
    expect(byDirection(calls)).toEqual({
      subscribe: [call('/api/lists/subscribe', { listId: 1, subscribers: users }), call('/api/lists/subscribe', { listId: 2, subscribers: users })],
      unsubscribe: [call('/api/lists/unsubscribe', { listId: 3, subscribers: users })],
    })
  })

  it('A3: customerId mode leaves a profile without email out, with no placeholder', async () => {
    const { calls } = await run(fixture('a3-customer-mode-no-email.json'), { script: listScript })
    expect(calls).toEqual([call('/api/lists/subscribe', { listId: 1, subscribers: [{ email: 'a@x', userId: 'c1' }] })])
  })

  it('A4: attribute_update audience actions send nothing', async () => {
    const { result, calls } = await run(fixture('a4-attribute-update.json'))
    expectAck(result, 'audience_membership_change_response', 'aud-a4')
    expect(calls).toEqual([])
  })

  it.each([
    ['absent', undefined],
    ['null', null],
  ])('A5: user_profiles %s: no calls, suspend_subscription false', async (_label, profiles) => {
    const message = { ...fixture('a5-no-profiles.json'), ...(profiles === null ? { user_profiles: null } : {}) }
    const { result, calls } = await run(message)
    expect(calls).toEqual([])
    expect(result.ok && result.response).toMatchObject({ type: 'audience_membership_change_response', id: expect.stringMatching(UUID), suspend_subscription: false })
  })

  it.each(['add', 'remove'])('A6: audience_subscription_request (%s) gets the default response, no calls, no throw', async (action) => {
    const { result, calls } = await run({ ...fixture('a6-subscription-add.json'), action })
    expect(calls).toEqual([])
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.response).toMatchObject({ type: 'audience_subscription_response', id: expect.stringMatching(UUID) })
  })

  it('A6: a DSR request (not registered) is answered, not thrown', async () => {
    const { result, calls } = await run(fixture('dsr-request.json'))
    expect(calls).toEqual([])
    expect(result.ok && result.response).toMatchObject({ type: 'dsr_processing_response', id: expect.stringMatching(UUID) })
  })

  it('A7: a 200 list answer with failCount > 0 is logged, not an error', async () => {
    const { result, calls, logger } = await run(fixture('a3-customer-mode-no-email.json'), { script: () => ({ status: 200, json: { successCount: 1, failCount: 2 } }) })
    expectAck(result, 'audience_membership_change_response', 'aud-a3')
    expect(calls).toHaveLength(1)
    expect(logger.records()).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'Iterable list call had failures', messageId: 'aud-a3', listId: 1, successCount: 1, failCount: 2 }),
    )
    expect(logger.records().filter((r) => r.level === 'error')).toEqual([])
  })

  it('A7: list endpoints check the status only: a 200 without a body code is delivered', async () => {
    const { result, logger } = await run(fixture('a3-customer-mode-no-email.json'), { script: () => ({ status: 200, json: {} }) })
    expectAck(result, 'audience_membership_change_response', 'aud-a3')
    expect(logger.records().filter((r) => r.level === 'error')).toEqual([])
  })

  it('A8 (fixed): a missing or non-numeric listId is a permanent data error; the valid lists are still sent', async () => {
    const { result, calls, logger } = await run(fixture('a8-missing-list-id.json'), { script: listScript })
    expectAck(result, 'audience_membership_change_response', 'aud-a8')
    expect(calls).toEqual([call('/api/lists/subscribe', { listId: 1, subscribers: [{ email: 'a@x', userId: 'c1' }] })])
    const failure = logger.records().find((r) => r.message === 'item failed for good') as any
    expect(failure).toMatchObject({ messageId: 'aud-a8', item: 'aud-a8', stage: 'onAudience' })
    expect(failure.reason).toMatch(/audience 14: setting "listId" is required but missing/)
    expect(failure.reason).toMatch(/audience 15: setting "listId": expected an integer/)
  })
})

import { describe, expect, it } from 'vitest'
import { audience, audienceMembership, audienceSubscription, invoke, userProfile } from 'firehose-kit/testing'
import { API_KEY, acme, settings } from './support.js'

const auth = { authorization: `Bearer ${API_KEY}` }

describe('audience subscriptions: one Acme list per audience', () => {
  it('connecting an audience creates a list and answers its id as the listId setting', async () => {
    const { handler, api } = acme([{ status: 201, json: { id: 77 } }])
    const message = audienceSubscription({ settings, audience_id: 42, audience_name: 'Loyal customers', action: 'add' })
    const result = await invoke(handler, message)
    expect(result).toEqual({
      ok: true,
      response: {
        type: 'audience_subscription_response',
        id: message.id,
        timestamp_ms: expect.any(Number),
        firehose_version: '3.2.0',
        audience_subscription_settings: { listId: '77' },
      },
    })
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: 'https://api.acme.example/v1/lists',
        headers: { ...auth, 'content-type': 'application/json' },
        body: { name: 'Loyal customers', externalId: 'mparticle-42' },
      }),
    ])
  })

  it('an audience that already has a list keeps it without a call', async () => {
    const { handler, api } = acme()
    const result = await invoke(handler, audienceSubscription({ settings, action: 'add', subscriptionSettings: { listId: 77 } }))
    expect(result.ok && result.response.audience_subscription_settings).toEqual({ listId: '77' })
    expect(api.requests).toEqual([])
  })

  it('a renamed audience renames its list', async () => {
    const { handler, api } = acme()
    await invoke(handler, audienceSubscription({ settings, action: 'update', audience_name: 'VIPs', subscriptionSettings: { listId: 77 } }))
    expect(api.calls()).toEqual([{ method: 'PATCH', path: '/v1/lists/77', body: { name: 'VIPs' } }])
  })

  it('disconnecting deletes the list; a list already gone (404) counts as deleted', async () => {
    const { handler, api } = acme([{ status: 404 }])
    const result = await invoke(handler, audienceSubscription({ settings, action: 'remove', subscriptionSettings: { listId: 77 } }))
    expect(result.ok).toBe(true)
    expect(api.requests).toEqual([expect.objectContaining({ method: 'DELETE', url: 'https://api.acme.example/v1/lists/77', headers: auth, body: undefined })])
  })

  it('a list created without an id in the answer is a permanent failure', async () => {
    const { handler } = acme([{ status: 201, json: {} }])
    const result = await invoke(handler, audienceSubscription({ settings, action: 'add' }))
    expect(!result.ok && result.error.kind).toBe('permanent')
  })

  it('401 on create rejects the subscription as suspend', async () => {
    const { handler } = acme([{ status: 401 }])
    const result = await invoke(handler, audienceSubscription({ settings, action: 'add' }))
    expect(!result.ok && result.error.kind).toBe('suspend')
  })
})

describe('membership changes: one call per audience and direction', () => {
  const inList = (audienceId: number, listId: number, action: 'add' | 'delete' = 'add') => audience({ audienceId, action, subscriptionSettings: { listId } })

  it('adds first, then removals, each call carrying every user of that audience and direction', async () => {
    const { handler, api } = acme()
    const profiles = [
      userProfile({ email: 'ann@example.com', customerId: 'c-ann', audiences: [inList(1, 101), inList(2, 102, 'delete')] }),
      userProfile({ email: 'bob@example.com', audiences: [inList(2, 102, 'delete'), inList(1, 101)] }),
      userProfile({ mpid: '99', audiences: [inList(3, 103)] }),
    ]
    const result = await invoke(handler, audienceMembership({ settings, profiles }))
    expect(result.ok && result.response).toMatchObject({ type: 'audience_membership_change_response', suspend_subscription: false })
    expect(api.calls()).toEqual([
      { method: 'POST', path: '/v1/lists/101/members/add', body: { users: [{ userId: 'c-ann', email: 'ann@example.com' }, { email: 'bob@example.com' }] } },
      { method: 'POST', path: '/v1/lists/103/members/add', body: { users: [{ userId: '99' }] } },
      { method: 'POST', path: '/v1/lists/102/members/remove', body: { users: [{ userId: 'c-ann', email: 'ann@example.com' }, { email: 'bob@example.com' }] } },
    ])
    expect(api.requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true)
  })

  it('users Acme cannot identify are left out; an audience with none of them gets no call', async () => {
    const { handler, api } = acme()
    const profiles = [userProfile({ audiences: [inList(1, 101)] }), userProfile({ email: 'ann@example.com', audiences: [inList(2, 102)] })]
    await invoke(handler, audienceMembership({ settings, profiles }))
    expect(api.calls().map((c) => c.path)).toEqual(['/v1/lists/102/members/add'])
  })

  it('an audience without a list id is skipped (logged as failed for good); the others still go out', async () => {
    const { handler, api, logger } = acme()
    const profiles = [userProfile({ email: 'ann@example.com', audiences: [audience({ audienceId: 1 }), inList(2, 102)] })]
    const result = await invoke(handler, audienceMembership({ settings, profiles }))
    expect(result.ok).toBe(true)
    expect(api.calls().map((c) => c.path)).toEqual(['/v1/lists/102/members/add'])
    expect(logger.records().some((r) => r.message === 'item failed for good' && String(r.reason).includes('audience 1'))).toBe(true)
  })

  it('401 suspends the subscription; 503 on every attempt rejects the message as retryable', async () => {
    const profiles = [userProfile({ email: 'ann@example.com', audiences: [inList(1, 101)] })]
    const unauthorized = acme([{ status: 401 }])
    const suspended = await invoke(unauthorized.handler, audienceMembership({ settings, profiles }))
    expect(suspended.ok && suspended.response.suspend_subscription).toBe(true)

    const down = acme(() => ({ status: 503 }))
    const retried = await invoke(down.handler, audienceMembership({ settings, profiles }))
    expect(!retried.ok && retried.error.kind).toBe('retryable')
  })

  it('a verification request (no user_profiles) is answered without calling Acme', async () => {
    const { handler, api } = acme()
    expect((await invoke(handler, audienceMembership({ settings, profiles: null }))).ok).toBe(true)
    expect(api.requests).toEqual([])
  })
})

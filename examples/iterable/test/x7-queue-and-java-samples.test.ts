import { expect, it } from 'vitest'
import { fakeLambdaContext, memoryLogger } from 'firehose-kit/testing'
import { invoke, recordingFetch, type RecordedRequest } from 'firehose-kit/testing'
import { describeShared, sharedJson } from '../../../test/support/shared.js'
import { createIterableHandler, createIterableWorker } from '../src/handler.js'
import { SUCCESS, wire } from './support.js'

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** Iterable's own SQS trigger (one record), plus two more records made from it: another user each. */
const threeRecords = () => {
  const trigger = clone(sharedJson('fixtures/iterable/queueTrigger.json')) as { Records: Array<Record<string, any>> }
  const [original] = trigger.Records
  const other = (n: number) => {
    const body = JSON.parse(original.body)
    body.id = `${body.id.slice(0, -1)}${n}`
    body.user_identities = [
      { type: 'email', encoding: 'raw', value: `queued${n}@iterable.com` },
      { type: 'customer', encoding: 'raw', value: `100${n}` },
    ]
    body.events = body.events.slice(0, 1).map((event: any) => ({ ...event, id: `${event.id.slice(0, -1)}${n}` }))
    return { ...original, messageId: `${original.messageId.slice(0, -1)}${n}`, body: JSON.stringify(body) }
  }
  return { ...trigger, Records: [original, other(2), other(3)] }
}

const APP_PAGE_VIEW = { eventName: 'App Page View', createdAt: 1595815920, dataFields: { 'mParticle Source Feed': 'python-integration-tester' } }

describeShared('X7 queue mode (../shared/fixtures/iterable/queueTrigger.json)', () => {
  it("X7: the worker processes Iterable's queued batch: users/update then 5 tracks, no batchItemFailures", async () => {
    const api = recordingFetch(() => SUCCESS)
    const worker = createIterableWorker({ fetch: api.fetch, logger: memoryLogger() })
    const answer = await worker(clone(sharedJson('fixtures/iterable/queueTrigger.json')) as any, fakeLambdaContext({ timeoutMs: 10_000 }))
    expect(answer).toEqual({ batchItemFailures: [] })
    const user = { email: 'example1@iterable.com', userId: '1003' }
    const calls = wire(api.requests)
    expect(calls[0]).toEqual({ method: 'POST', path: '/api/users/update', apiKey: 'redacted', body: { ...user, dataFields: { loves_pizza: true, phoneNumber: '16503926752' } } })
    expect(calls.slice(1).map((c) => c.body)).toEqual(
      [
        'd8c169f9-22a3-421e-9824-ce30305aa576',
        'f81b470e-b54d-4213-ba1c-3d76ef281084',
        '8000f71d-acb0-43f1-bf4e-dc8c1f792089',
        '056d1c5e-7152-42fb-8663-4ac7ed3d50cd',
        '410296fd-c285-41e3-92d5-dbfb4e53aee0',
      ].map((id) => ({ ...APP_PAGE_VIEW, id, ...user })),
    )
    expect(api.requests.every((r) => r.headers['user-agent'] === 'mparticle-lambda' && r.host === 'api.iterable.com')).toBe(true)
  })

  it('X7: every record is processed (not only Records[0]); a retryable failure is reported for its record only', async () => {
    const event = threeRecords()
    const script = (request: RecordedRequest) => ((request.body as any)?.email === 'queued2@iterable.com' && request.path === '/api/users/update' ? { status: 429 } : SUCCESS)
    const api = recordingFetch(script)
    const logger = memoryLogger()
    const worker = createIterableWorker({ fetch: api.fetch, logger })
    const answer = await worker(event as any, fakeLambdaContext({ timeoutMs: 10_000 }))
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1].messageId }] })
    const byUser = (email: string) =>
      wire(api.requests)
        .filter((c) => (c.body as any).email === email)
        .map((c) => c.path)
    expect(byUser('example1@iterable.com')).toEqual(['/api/users/update', ...Array(5).fill('/api/events/track')])
    expect(byUser('queued2@iterable.com')).toEqual(['/api/users/update'])
    expect(byUser('queued3@iterable.com')).toEqual(['/api/users/update', '/api/events/track'])
    expect(logger.records()).toContainEqual(expect.objectContaining({ message: 'queued record will be retried', sqsMessageId: event.Records[1].messageId }))
    expect(logger.lines.some((line) => line.includes('redacted'))).toBe(false)
  })
})

describeShared('Java SDK samples in direct mode (../shared/fixtures/java-sdk)', () => {
  it('EventProcessingRequest_ios.json: processed without crashing (user sync, one track, no call for add_to_cart)', async () => {
    const api = recordingFetch(() => SUCCESS)
    const handler = createIterableHandler({ fetch: api.fetch, logger: memoryLogger() })
    const result = await invoke(handler, clone(sharedJson('fixtures/java-sdk/EventProcessingRequest_ios.json')))
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.response).toMatchObject({ type: 'event_processing_response', id: '66062a39-ea83-450e-9d5e-92829b6e565d' })
    expect(wire(api.requests).map((c) => c.path)).toEqual(['/api/users/update', '/api/events/track'])
    expect(api.requests.every((r) => r.headers['api-key'] === 'sample API Key')).toBe(true)
    expect(api.requests[1].body).toMatchObject({ eventName: 'customEvent', id: '9daa09f0-0c61-4b46-a16a-272c8cdd47e8', dataFields: { event_attribute: 'value' } })
  })

  it('AudienceMembershipChangeRequest.json: no apiKey configured -> suspend_subscription, no call, no crash', async () => {
    const api = recordingFetch(() => SUCCESS)
    const handler = createIterableHandler({ fetch: api.fetch, logger: memoryLogger() })
    const result = await invoke(handler, clone(sharedJson('fixtures/java-sdk/AudienceMembershipChangeRequest.json')))
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.response).toMatchObject({ type: 'audience_membership_change_response', id: '1317071d-3342-4e1e-a691-84bd7e762bda', suspend_subscription: true })
    expect(api.requests).toEqual([])
  })

  it('AudienceMembershipChangeRequest.json with an apiKey: runs; its audience has no listId, a permanent data error (A8)', async () => {
    const message = clone(sharedJson('fixtures/java-sdk/AudienceMembershipChangeRequest.json')) as any
    message.account.account_settings.apiKey = 'test-key'
    const api = recordingFetch(() => SUCCESS)
    const handler = createIterableHandler({ fetch: api.fetch, logger: memoryLogger() })
    const result = await invoke(handler, message)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.response).toMatchObject({ type: 'audience_membership_change_response', suspend_subscription: false })
    expect(api.requests).toEqual([])
  })
})

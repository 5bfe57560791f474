import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { firehose, retryable, setting } from '../../src/index.js'
import { dynamoStore } from '../../src/delivery/dynamodb.js'
import { customEvent, eventBatch, memoryLogger } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import type { Event } from '../../src/schema/index.js'
import { DEFAULTS } from '../../src/core/defaults.js'
import { dynaliteTable } from './support/dynalite-server.js'

const table = 'claim-ahead'
const dynamo = dynaliteTable(table)

const registration = {
  name: 'Claim ahead',
  version: '1.0',
  events: { settings: { apiKey: setting.text({ name: 'API Key', required: true }) }, types: ['custom_event'] },
} as const
const settings = { apiKey: 'k-1234' }

const events = (count: number): Event[] => {
  const start = Date.now() - count
  return Array.from({ length: count }, (_, i) => customEvent({ name: `e${i}`, timestamp_ms: start + i }))
}

/** The client's requests by command, and the most claims (conditional puts) in flight at once. */
const watched = (client: DynamoDBClient) => {
  const sent: string[] = []
  let claims = 0
  let mostClaims = 0
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>
  const proxy = new Proxy(client, {
    get: (target, name) =>
      name === 'send'
        ? async (command: { constructor: { name: string }; input: { ConditionExpression?: string } }) => {
            const claim = command.constructor.name === 'PutItemCommand' && command.input.ConditionExpression !== undefined
            sent.push(claim ? 'claim' : command.constructor.name)
            if (claim) mostClaims = Math.max(mostClaims, ++claims)
            try {
              return await send(command)
            } finally {
              if (claim) claims--
            }
          }
        : Reflect.get(target, name),
  })
  return { client: proxy, sent, mostClaims: () => mostClaims }
}

describe('dynamoStore: the claims of a batch overlap (claim-ahead), the handlers still run one at a time in order', () => {
  it('a 100-event message: one claim and one mark per event, claims up to DEFAULTS.claimsAhead at once, handlers in order', async () => {
    const watch = watched(dynamo().client)
    const order: string[] = []
    let running = 0
    let mostRunning = 0
    const handler = firehose(
      {
        registration,
        on: {
          custom_event: async (event) => {
            mostRunning = Math.max(mostRunning, ++running)
            order.push(event.id)
            await new Promise((resolve) => setTimeout(resolve, 1))
            running--
            return E.right(undefined)
          },
        },
      },
      { logger: memoryLogger(), checkpoints: dynamoStore({ client: watch.client, table }) },
    )
    const message = eventBatch({ settings, events: events(100) })
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(order).toEqual((message.events as Event[]).map((event) => event.id))
    expect(mostRunning).toBe(1)
    const count = (name: string) => watch.sent.filter((sent) => sent === name).length
    expect({ read: count('BatchGetItemCommand'), claims: count('claim'), marks: count('PutItemCommand'), releases: count('DeleteItemCommand') }).toEqual({
      read: 1,
      claims: 100,
      marks: 100,
      releases: 0,
    })
    // Not one sequential round trip per claim.
    expect(watch.mostClaims()).toBeGreaterThan(1)
    expect(watch.mostClaims()).toBeLessThanOrEqual(DEFAULTS.claimsAhead + 1)

    // Delivered again: every event is recognised in the one batched read, nothing is claimed or sent.
    order.length = 0
    watch.sent.length = 0
    await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))
    expect(order).toEqual([])
    expect(watch.sent).toEqual(['BatchGetItemCommand'])
  })

  it('a stopping failure: the events after it are not sent, their claims made ahead are released, and the next delivery sends exactly those', async () => {
    const watch = watched(dynamo().client)
    const sent: string[] = []
    const batch = events(40)
    let failing = batch[9]!.id
    const handler = firehose(
      { registration, on: { custom_event: (event) => (event.id === failing ? E.left(retryable('partner down')) : (sent.push(event.id), E.right(undefined))) } },
      { logger: memoryLogger(), checkpoints: dynamoStore({ client: watch.client, table }) },
    )
    const message = eventBatch({ settings, events: batch })
    const ids = (message.events as Event[]).map((event) => event.id)
    await expect(handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))).rejects.toThrow()
    const stop = ids.indexOf(batch[9]!.id)
    expect(sent).toEqual(ids.slice(0, stop))
    // The failed event's claim and those made ahead beyond it: all released.
    expect(watch.sent.filter((name) => name === 'DeleteItemCommand').length).toBeGreaterThan(1)
    // Another container finds every unsent event free at once (not busy until a lease ends).
    const other = dynamoStore({ client: dynamo().newClient(), table })
    const key = (id: string) => `${message.account?.account_id ?? 'none'}/on:custom_event/${id}`
    for (const id of ids.slice(stop)) {
      expect(await other.claim(key(id), 60_000)).toBe('claimed')
      await other.release(key(id))
    }
    failing = ''
    sent.length = 0
    const response = (await handler(message, fakeLambdaContext({ timeoutMs: 30_000 }))) as Record<string, unknown>
    expect(response.type).toBe('event_processing_response')
    expect(sent).toEqual(ids.slice(stop))
  })
})

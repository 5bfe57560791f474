import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GetItemCommand } from '@aws-sdk/client-dynamodb'
import { createCheckpointTable, dynamoStore } from '../../src/delivery/dynamodb.js'
import { startDynalite } from './support/dynalite-server.js'
import { checkpointStoreSuite, manualClock } from './store-suite.js'

const table = 'checkpoints'
let dynamo: Awaited<ReturnType<typeof startDynalite>>

beforeAll(async () => {
  dynamo = await startDynalite()
  await createCheckpointTable(dynamo.client, table)
  await createCheckpointTable(dynamo.client, table) // an existing table is fine
})
afterAll(async () => {
  await dynamo?.stop()
})

checkpointStoreSuite('dynamoStore on dynalite', (options) => dynamoStore({ client: dynamo.client, table, ...options }))

describe('dynamoStore: items and instances', () => {
  const item = async (id: string) => (await dynamo.client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item

  it('writes expiresAt in epoch seconds for DynamoDB TTL, and leaseUntil in ms', async () => {
    const clock = manualClock(Date.parse('2025-01-01T00:00:00.500Z'))
    const store = dynamoStore({ client: dynamo.client, table, ttlSeconds: 3600, now: clock.now })
    await store.claim('items-1', 2_000)
    const claimed = await item('items-1')
    expect(claimed?.state?.S).toBe('claimed')
    expect(claimed?.leaseUntil?.N).toBe(String(clock.now() + 2_000))
    expect(claimed?.expiresAt?.N).toBe(String(Math.ceil((clock.now() + 2_000) / 1000)))
    await store.markDelivered('items-1')
    const delivered = await item('items-1')
    expect(delivered?.state?.S).toBe('delivered')
    expect(delivered?.expiresAt?.N).toBe(String(Math.floor(clock.now() / 1000) + 3600))
  })

  it('shares checkpoints between instances (two Lambda containers), and one cannot release the other’s claim', async () => {
    const a = dynamoStore({ client: dynamo.client, table })
    const b = dynamoStore({ client: dynamo.newClient(), table })
    expect(await a.claim('shared-1', 60_000)).toBe('claimed')
    expect(await b.claim('shared-1', 60_000)).toBe('busy')
    await b.release('shared-1')
    expect(await b.claim('shared-1', 60_000)).toBe('busy')
    await a.release('shared-1')
    expect(await b.claim('shared-1', 60_000)).toBe('claimed')
    await b.markDelivered('shared-1')
    expect(await a.claim('shared-1', 60_000)).toBe('delivered')
  })

  it('lets exactly one of 20 claims win across 4 instances', async () => {
    const stores = Array.from({ length: 4 }, () => dynamoStore({ client: dynamo.newClient(), table }))
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 4]!.claim('shared-race', 60_000)))
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1)
  })

  it('reports errors other than a failed condition (a missing table)', async () => {
    const store = dynamoStore({ client: dynamo.client, table: 'no-such-table' })
    await expect(store.claim('x', 1_000)).rejects.toThrow()
  })
})

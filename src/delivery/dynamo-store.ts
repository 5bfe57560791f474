import { randomUUID } from 'node:crypto'
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DEFAULT_CHECKPOINT_TTL_SECONDS, expiresAtSeconds, type CheckpointStore, type ClaimResult } from './checkpoint-store.js'
import { DEFAULTS } from '../core/defaults.js'
import { dynamoSdk, isConditionFailure } from './dynamo-sdk.js'

export { createCheckpointTable } from './dynamo-table.js'

/** The DynamoDB client and table of `dynamoStore()`, and how long checkpoints live. */
export interface DynamoStoreOptions {
  readonly client: DynamoDBClient
  /** A table whose partition key is the string attribute `id`; turn on TTL on `expiresAt`. */
  readonly table: string
  /** How long a delivered mark lasts. Default 24 h. */
  readonly ttlSeconds?: number
  /** Clock in epoch milliseconds, for tests. */
  readonly now?: () => number
}

/** Claims and delivered marks raced by a release or an expiry can need a second look; never loop forever. */
const MAX_CLAIM_ROUNDS = 3

/**
 * Checkpoints in DynamoDB, shared by every container of a function. Items:
 * `{ id, state: 'claimed' | 'delivered', expiresAt (epoch s, for DynamoDB TTL), leaseUntil (epoch ms), owner }`.
 * DynamoDB removes expired items up to days late (DynamoDB-compatible test servers never do), so
 * every condition and read checks expiry itself. `owner` is this store instance (one per container):
 * a release only removes a claim the same instance made, so a container whose lease ran out cannot
 * free a claim another container has taken since.
 */
export const dynamoStore = (options: DynamoStoreOptions): CheckpointStore => {
  const { client, table } = options
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CHECKPOINT_TTL_SECONDS
  const now = options.now ?? Date.now
  const owner = randomUUID()
  const S = (value: string): AttributeValue => ({ S: value })
  const N = (value: number): AttributeValue => ({ N: String(value) })
  const names = { '#state': 'state', '#owner': 'owner' }

  const tryClaim = async (key: string, leaseMs: number): Promise<boolean> => {
    const { PutItemCommand } = await dynamoSdk()
    const at = now()
    const leaseUntil = at + leaseMs
    try {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { id: S(key), state: S('claimed'), leaseUntil: N(leaseUntil), expiresAt: N(Math.ceil(leaseUntil / 1000)), owner: S(owner) },
          ConditionExpression: 'attribute_not_exists(id) OR (#state = :claimed AND leaseUntil <= :nowMs) OR (#state = :delivered AND expiresAt <= :nowS)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': S('claimed'), ':delivered': S('delivered'), ':nowMs': N(at), ':nowS': N(Math.floor(at / 1000)) },
        }),
      )
      return true
    } catch (err) {
      if (isConditionFailure(err)) return false
      throw err
    }
  }

  /** What holds the key now, expiry checked here; undefined when nothing live does. */
  const holder = async (key: string): Promise<'delivered' | 'busy' | undefined> => {
    const { GetItemCommand } = await dynamoSdk()
    const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { id: S(key) }, ConsistentRead: true }))
    if (Item === undefined) return undefined
    const at = now()
    if (Item.state?.S === 'delivered') return at < Number(Item.expiresAt?.N) * 1000 ? 'delivered' : undefined
    if (Item.state?.S === 'claimed') return at < Number(Item.leaseUntil?.N) ? 'busy' : undefined
    return undefined
  }

  return {
    claim: async (key, leaseMs): Promise<ClaimResult> => {
      for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
        if (await tryClaim(key, leaseMs)) return 'claimed'
        const held = await holder(key)
        if (held !== undefined) return held
        // Released or expired between our write and our read: try again.
      }
      return 'busy'
    },
    markDelivered: async (key) => {
      const { PutItemCommand } = await dynamoSdk()
      const item = { id: S(key), state: S('delivered'), expiresAt: N(expiresAtSeconds(now(), ttlSeconds)) }
      await client.send(new PutItemCommand({ TableName: table, Item: item }))
    },
    delivered: async (keys) => {
      const { BatchGetItemCommand } = await dynamoSdk()
      const unique = [...new Set(keys)]
      const pages: string[][] = []
      for (let i = 0; i < unique.length; i += DEFAULTS.storeReadBatch) pages.push(unique.slice(i, i + DEFAULTS.storeReadBatch))
      const found = new Set<string>()
      const readPage = async (page: string[]): Promise<void> => {
        let pending: Array<Record<string, AttributeValue>> = page.map((key) => ({ id: S(key) }))
        // Unprocessed keys (throttling) are asked again a few times; whatever is still unread is simply not known delivered.
        for (let round = 0; round < MAX_CLAIM_ROUNDS && pending.length > 0; round++) {
          const answer = await client.send(
            new BatchGetItemCommand({
              RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'id, #state, expiresAt', ExpressionAttributeNames: { '#state': 'state' } } },
            }),
          )
          const at = now()
          for (const item of answer.Responses?.[table] ?? []) {
            if (item.state?.S === 'delivered' && at < Number(item.expiresAt?.N) * 1000 && item.id?.S !== undefined) found.add(item.id.S)
          }
          pending = (answer.UnprocessedKeys?.[table]?.Keys ?? []) as Array<Record<string, AttributeValue>>
        }
      }
      // The pages go out together: one round trip's time for the whole batch.
      await Promise.all(pages.map(readPage))
      return found
    },
    release: async (key) => {
      const { DeleteItemCommand } = await dynamoSdk()
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: table,
            Key: { id: S(key) },
            ConditionExpression: '#state = :claimed AND #owner = :owner',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':claimed': S('claimed'), ':owner': S(owner) },
          }),
        )
      } catch (err) {
        if (!isConditionFailure(err)) throw err
      }
    },
  }
}

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { dynamoSdk } from './dynamo-sdk.js'

const isNamed = (err: unknown, name: string): boolean => typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name

/**
 * Creates a checkpoint table (string partition key `id`, on-demand billing) and waits until it is
 * active; an existing table is left as it is. For tests and local development: in production,
 * create the table with your infrastructure code and turn on TTL on the `expiresAt` attribute.
 */
export const createCheckpointTable = async (client: DynamoDBClient, table: string, waitMs = 10_000): Promise<void> => {
  const { CreateTableCommand, DescribeTableCommand } = await dynamoSdk()
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
  } catch (err) {
    if (!isNamed(err, 'ResourceInUseException')) throw err
  }
  const until = Date.now() + waitMs
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }))
    if (Table?.TableStatus === 'ACTIVE') return
    if (Date.now() > until) throw new Error(`table ${table} is not active after ${waitMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll } from 'vitest'
import dynalite from 'dynalite'
import type { AddressInfo } from 'node:net'
import { createCheckpointTable } from '../../../src/delivery/dynamodb.js'

/** A real DynamoDB-compatible server (dynalite, in memory) on a loopback port, with a client for it. */
export const startDynalite = async () => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`
  const newClient = (): DynamoDBClient => new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } })
  const client = newClient()
  return {
    endpoint,
    client,
    newClient,
    stop: async (): Promise<void> => {
      client.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type Dynalite = Awaited<ReturnType<typeof startDynalite>>

/**
 * A dynalite server with a checkpoint table for the enclosing describe block (or file): started
 * before its tests, stopped after them. The returned function gives the running server.
 */
export const dynaliteTable = (table: string): (() => Dynalite) => {
  let dynamo: Dynalite | undefined
  beforeAll(async () => {
    dynamo = await startDynalite()
    await createCheckpointTable(dynamo.client, table)
  })
  afterAll(async () => {
    await dynamo?.stop()
  })
  return () => dynamo!
}

/**
 * Per-event checkpoints in DynamoDB: `dynamoStore()` and `createCheckpointTable()`. Needs
 * `@aws-sdk/client-dynamodb`.
 * @module firehose-kit/dynamodb
 */
export { dynamoStore, type DynamoStoreOptions } from './dynamo-store.js'
export { createCheckpointTable } from './dynamo-table.js'

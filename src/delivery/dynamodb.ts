export { dynamoStore, type DynamoStoreOptions } from './dynamo-store.js'
export { createCheckpointTable } from './dynamo-table.js'

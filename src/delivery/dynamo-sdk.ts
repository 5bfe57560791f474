/**
 * `@aws-sdk/client-dynamodb` is loaded on first use, not at import: partners who never use
 * dynamoStore don't need the package, and don't pay for loading it on a cold start. Whoever
 * built a DynamoDBClient has it loaded already, so the import costs nothing then.
 */
let loading: Promise<typeof import('@aws-sdk/client-dynamodb')> | undefined

export const dynamoSdk = (): Promise<typeof import('@aws-sdk/client-dynamodb')> => (loading ??= import('@aws-sdk/client-dynamodb'))

export const isConditionFailure = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ConditionalCheckFailedException'

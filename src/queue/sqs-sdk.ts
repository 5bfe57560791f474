/**
 * `@aws-sdk/client-sqs` is loaded on first use, not at import: integrations that never run in queue
 * mode don't pay for loading it on a cold start. Whoever built the SQSClient they pass in has the
 * package loaded already, so the import costs nothing then.
 */
let loading: Promise<typeof import('@aws-sdk/client-sqs')> | undefined

export const sqsSdk = (): Promise<typeof import('@aws-sdk/client-sqs')> => (loading ??= import('@aws-sdk/client-sqs'))

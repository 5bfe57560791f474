/**
 * What Lambda runs (deploy/template.yaml, built by `npm run bundle` into dist/lambda/function.zip):
 *
 * - `index.handler`: mParticle's direct invocations and HTTP deliveries (function URL);
 * - `index.ingress`: the same, in queue mode: acknowledges event batches and membership changes once
 *   they are on the queue named by `FIREHOSE_QUEUE_URL`;
 * - `index.worker`: queue mode's worker, fed by that queue (failures go back to it, then to the
 *   dead-letter queue).
 *
 * Every one keeps per-event checkpoints in the DynamoDB table `FIREHOSE_CHECKPOINT_TABLE` (when set),
 * and reads mParticle's tokens from the Secrets Manager secret `FIREHOSE_TOKENS_SECRET` at run time,
 * cached across invocations: they are never in the code, the template or the environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { SQSClient } from '@aws-sdk/client-sqs'
import { firehose, tokensFrom, type FirehoseOptions } from 'firehose-kit'
import { dynamoStore } from 'firehose-kit/dynamodb'
import { queueIngress, queueWorker } from 'firehose-kit/queue'
import { definition, quickstartOptions, type QuickstartOptions } from './handler.js'

/** The AWS clients the entries use; tests pass stand-ins. */
export interface AwsClients {
  readonly sqs: Pick<SQSClient, 'send'>
  readonly dynamodb: Pick<DynamoDBClient, 'send'>
  readonly secrets: Pick<SecretsManagerClient, 'send'>
}

const awsClients = (): AwsClients => ({ sqs: new SQSClient({}), dynamodb: new DynamoDBClient({}), secrets: new SecretsManagerClient({}) })

/** Builds the three entries from the environment the template sets. */
export const createEntries = (env: NodeJS.ProcessEnv = process.env, aws: AwsClients = awsClients(), options: QuickstartOptions = {}) => {
  const secretId = env.FIREHOSE_TOKENS_SECRET
  const auth: FirehoseOptions['auth'] =
    options.auth ?? (secretId ? tokensFrom(async () => (await aws.secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString ?? '') : undefined)
  const table = env.FIREHOSE_CHECKPOINT_TABLE
  const checkpoints = options.checkpoints ?? (table ? dynamoStore({ client: aws.dynamodb as DynamoDBClient, table }) : undefined)
  const shared = quickstartOptions({ ...options, ...(auth !== undefined ? { auth } : {}), ...(checkpoints ? { checkpoints } : {}) })
  return {
    handler: firehose(definition, shared),
    ingress: queueIngress(definition, { ...shared, queueUrl: env.FIREHOSE_QUEUE_URL ?? '', sqs: aws.sqs as SQSClient }),
    worker: queueWorker(definition, quickstartOptions({ ...options, ...(checkpoints ? { checkpoints } : {}) })),
  }
}

const entries = createEntries()

export const handler = entries.handler
export const ingress = entries.ingress
export const worker = entries.worker

import { describe, expect, it } from 'vitest'
import { customEvent, eventBatch, invoke, memoryLogger, recordingFetch } from 'firehose-kit/testing'
import { createEntries, type AwsClients } from '../src/index.js'
import * as entry from '../src/index.js'
import { API_KEY } from './support.js'

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/firehose-acme'
const env = { FIREHOSE_QUEUE_URL: QUEUE_URL, FIREHOSE_TOKENS_SECRET: 'firehose/acme/tokens' }

/** Stand-ins for the AWS clients: Secrets Manager answers the tokens, SQS keeps what it is sent. */
const fakeAws = () => {
  const sent: Array<{ QueueUrl: string; MessageBody: string }> = []
  let secretReads = 0
  const aws: AwsClients = {
    secrets: {
      send: (async (command: { input: { SecretId: string } }) => {
        secretReads += 1
        expect(command.input.SecretId).toBe(env.FIREHOSE_TOKENS_SECRET)
        return { SecretString: 'old-token,new-token' }
      }) as never,
    },
    sqs: {
      send: (async (command: { input: { QueueUrl: string; MessageBody: string } }) => {
        sent.push(command.input)
        return { MessageId: `m-${sent.length}` }
      }) as never,
    },
    dynamodb: { send: (async () => ({})) as never },
  }
  return { aws, sent, secretReads: () => secretReads }
}

const quiet = { logger: memoryLogger(), http: { backoff: { baseMs: 1, maxMs: 2 } } }

describe('the Lambda entries (src/index.ts)', () => {
  it('exports handler, ingress and worker, the names deploy/template.yaml hands to Lambda', () => {
    for (const name of ['handler', 'ingress', 'worker'] as const) expect(typeof entry[name], name).toBe('function')
  })

  it("reads mParticle's tokens from the secret at run time, once for many invocations", async () => {
    const { aws, secretReads } = fakeAws()
    const api = recordingFetch()
    const { handler } = createEntries(env, aws, { ...quiet, fetch: api.fetch })
    const message = () => eventBatch({ events: [customEvent({ name: 'Signup' })], settings: { apiKey: API_KEY } })
    expect((await invoke(handler, message(), { via: 'function-url', token: 'new-token' })).status).toBe(200)
    expect((await invoke(handler, message(), { via: 'function-url', token: 'old-token' })).status).toBe(200)
    expect((await invoke(handler, message(), { via: 'function-url', token: 'someone-else' })).status).toBe(401)
    expect(secretReads()).toBe(1)
    expect(api.calls()).toHaveLength(2)
  })

  it('in queue mode, the ingress puts event batches on FIREHOSE_QUEUE_URL and the worker delivers them', async () => {
    const { aws, sent } = fakeAws()
    const api = recordingFetch()
    const { ingress, worker } = createEntries(env, aws, { ...quiet, fetch: api.fetch })
    const message = eventBatch({ events: [customEvent({ name: 'Signup' })], settings: { apiKey: API_KEY } })
    const acknowledged = await invoke(ingress, message, { via: 'function-url', token: 'new-token' })
    expect(acknowledged.status).toBe(200)
    expect(sent.map((m) => m.QueueUrl)).toEqual([QUEUE_URL])
    expect(api.calls()).toHaveLength(0)

    const records = sent.map((m, i) => ({ messageId: `sqs-${i}`, body: m.MessageBody, attributes: { ApproximateReceiveCount: '1' } }))
    const answer = await worker({ Records: records }, undefined as never)
    expect(answer.batchItemFailures).toEqual([])
    expect(api.calls()).toEqual([expect.objectContaining({ method: 'POST', path: '/v1/track' })])
  })
})

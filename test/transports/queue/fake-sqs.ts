import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SQSClient } from '@aws-sdk/client-sqs'

/** A message the fake queue accepted, as it would sit in SQS. */
export interface Stored {
  readonly messageId: string
  readonly body: string
  readonly attributes: Record<string, { DataType: string; StringValue?: string }>
  readonly groupId?: string
  readonly deduplicationId?: string
}

/** One SQS call as the fake received it. */
export interface Call {
  /** The operation: `SendMessage`, `SendMessageBatch`, or whatever else a client sends. */
  readonly target: string
  readonly input: any
}

/**
 * What the fake answers a call: `accept` (default), `error` (HTTP 500 InternalError for the whole
 * call), or `fail` with the batch entry ids to report in `Failed` (the others succeed).
 */
export type Verdict = { kind: 'accept' } | { kind: 'error'; status?: number } | { kind: 'fail'; ids: ReadonlyArray<string> }

/** SQS's own limit for one message, body plus attributes, and for a SendMessageBatch call. */
const LIMIT = 262_144

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex')

const sizeOf = (entry: { MessageBody?: string; MessageAttributes?: Record<string, { DataType?: string; StringValue?: string }> }): number =>
  Buffer.byteLength(entry.MessageBody ?? '') +
  Object.entries(entry.MessageAttributes ?? {}).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? ''),
    0,
  )

/**
 * A loopback server speaking enough of SQS's AWS JSON 1.0 protocol (SendMessage, SendMessageBatch)
 * for the real `@aws-sdk/client-sqs` to talk to, with SQS's size and entry-count limits.
 */
export const startFakeSqs = async (decide: (call: Call, index: number) => Verdict = () => ({ kind: 'accept' })) => {
  const stored: Stored[] = []
  const calls: Call[] = []

  const answer = (res: ServerResponse, status: number, json: unknown, errorType?: string): void => {
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() }
    if (errorType !== undefined) headers['x-amzn-query-error'] = `AWS.SimpleQueueService.${errorType};Sender`
    res.writeHead(status, headers).end(JSON.stringify(json))
  }
  const refuse = (res: ServerResponse, status: number, type: string, message: string): void => answer(res, status, { __type: `com.amazonaws.sqs#${type}`, message }, type)

  const store = (entry: any): Stored => {
    const message: Stored = {
      messageId: randomUUID(),
      body: entry.MessageBody,
      attributes: entry.MessageAttributes ?? {},
      ...(entry.MessageGroupId !== undefined ? { groupId: entry.MessageGroupId } : {}),
      ...(entry.MessageDeduplicationId !== undefined ? { deduplicationId: entry.MessageDeduplicationId } : {}),
    }
    stored.push(message)
    return message
  }

  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const target = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '')
    let input: any
    try {
      input = JSON.parse(text)
    } catch {
      return refuse(res, 400, 'InvalidParameterValue', 'body is not JSON')
    }
    const call: Call = { target, input }
    const verdict = decide(call, calls.length)
    calls.push(call)
    if (verdict.kind === 'error') return refuse(res, verdict.status ?? 500, 'InternalError', 'the fake queue is down')
    if (target === 'SendMessage') {
      if (sizeOf(input) > LIMIT) return refuse(res, 400, 'InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.')
      const message = store(input)
      return answer(res, 200, { MessageId: message.messageId, MD5OfMessageBody: md5(message.body) })
    }
    if (target === 'SendMessageBatch') {
      const entries: any[] = input.Entries ?? []
      if (entries.length > 10) return refuse(res, 400, 'TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.')
      if (entries.reduce((sum, entry) => sum + sizeOf(entry), 0) > LIMIT) return refuse(res, 400, 'BatchRequestTooLong', 'Batch requests cannot be longer than 262144 bytes.')
      const failing = new Set(verdict.kind === 'fail' ? verdict.ids : [])
      const Successful: unknown[] = []
      const Failed: unknown[] = []
      for (const entry of entries) {
        if (failing.has(entry.Id)) {
          Failed.push({ Id: entry.Id, SenderFault: false, Code: 'InternalError', Message: 'try again' })
          continue
        }
        const message = store(entry)
        Successful.push({ Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: md5(message.body) })
      }
      return answer(res, 200, { Successful, Failed })
    }
    return refuse(res, 400, 'InvalidAction', `the fake does not speak ${target}`)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`

  return {
    endpoint,
    queueUrl: `${endpoint}/123456789012/firehose-queue`,
    stored,
    calls,
    /** A real SQS client for this server: explicit endpoint and region, fake keys, no SDK retries. */
    client: (): SQSClient =>
      new SQSClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' },
        maxAttempts: 1,
      }),
    close: (): Promise<void> => new Promise((resolve) => server.close(() => resolve())),
  }
}

export type FakeSqs = Awaited<ReturnType<typeof startFakeSqs>>

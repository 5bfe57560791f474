import { randomUUID } from 'node:crypto'
import type { SQSEvent, SQSRecord } from 'aws-lambda'
import * as E from 'fp-ts/lib/Either.js'
import { permanent, retryable, setting } from '../../../src/index.js'
import { memoryLogger } from '../../../src/testing/index.js'
import type { FirehoseDefinition } from '../../../src/definition/definition.js'
import type { RegistrationDeclaration } from '../../../src/definition/registration.js'
import type { Stored } from './fake-sqs.js'

const define = <const R extends RegistrationDeclaration>(definition: FirehoseDefinition<R>): FirehoseDefinition<R> => definition

const settings = { apiKey: setting.text({ name: 'API Key', required: true, confidential: true }) }
export const goodSettings = { apiKey: 'secret-api-key-123' }

/**
 * A test integration recording every handler call. A custom event's `attributes.outcome`
 * (`retryable`, `permanent`) decides its result.
 */
export const recordingIntegration = () => {
  const calls = { events: [] as string[], audiences: [] as number[], subscriptions: 0, dsr: 0 }
  const logger = memoryLogger()
  const definition = define({
    registration: {
      name: 'Queued',
      version: '1.0',
      description: 'Queue mode test integration',
      permissions: { userIdentities: [{ type: 'email', encoding: 'raw' }], allowUserAttributes: true },
      events: { settings, types: ['custom_event', 'screen_view'], runtimes: ['ios', 'android'] },
      audiences: { settings, subscriptionSettings: { listId: setting.integer({ name: 'List' }) } },
      dsr: { settings, types: ['erasure'] },
    },
    on: {
      custom_event: (event) => {
        calls.events.push(event.id)
        const outcome = event.attributes?.outcome
        return outcome === 'retryable' ? E.left(retryable('partner busy')) : outcome === 'permanent' ? E.left(permanent('partner refused')) : E.right(undefined)
      },
      screen_view: (event) => {
        calls.events.push(event.id)
        return E.right(undefined)
      },
    },
    onAudience: (request) => {
      calls.audiences.push(request.user_profiles?.length ?? 0)
      return E.right(undefined)
    },
    onAudienceSubscription: () => {
      calls.subscriptions++
      return E.right({ listId: 7 })
    },
    onDsr: () => {
      calls.dsr++
      return E.right(undefined)
    },
  })
  return { definition, calls, logger }
}

/** An SQS record as Lambda's event source mapping delivers it. */
export const sqsRecord = (body: string, overrides: Partial<SQSRecord> = {}): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: 'AQEB-fake-receipt-handle',
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1700000000000',
    SenderId: 'AIDAFAKE',
    ApproximateFirstReceiveTimestamp: '1700000000001',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:firehose-queue',
  awsRegion: 'us-east-1',
  ...overrides,
})

/** The SQS event a worker would receive for messages the fake queue holds. */
export const sqsEventFrom = (stored: ReadonlyArray<Stored>): SQSEvent => ({
  Records: stored.map((message) =>
    sqsRecord(message.body, {
      messageId: message.messageId,
      messageAttributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, value]) => [name, { dataType: value.DataType, stringValue: value.StringValue }]),
      ) as SQSRecord['messageAttributes'],
    }),
  ),
})

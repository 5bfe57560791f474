import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import dynalite from 'dynalite'
import type { AddressInfo } from 'node:net'
import { load1, median } from './harness.js'
import { eventsText } from './messages.js'
import { benchHandler } from './pipeline.js'
import type { Row } from './report.js'
import type { Sdk } from './sdk.js'

/**
 * `checkpoints: dynamoStore()` against dynalite on loopback (as test/delivery/dynamo-store.test.ts
 * starts it): a 100-event message per call, each with new checkpoint keys, the builds alternating.
 * Each request is held `latencyMs` before it is sent, as a network round trip to DynamoDB in the
 * same region would take (loopback has none, and dynalite runs in this process: without it, what
 * overlaps costs the same as what does not). Reported: DynamoDB requests per message (counted on
 * the client), the most in flight at once, and the median latency of a message.
 */
export const dynamoBench = async (sdks: ReadonlyArray<Sdk>, options: { messages?: number; events?: number; latencyMs?: number } = {}): Promise<Row[]> => {
  const messages = options.messages ?? 9
  const events = options.events ?? 100
  const latencyMs = options.latencyMs ?? 2
  const loadStart = load1()
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } })
  let requests = 0
  let inFlight = 0
  let peak = 0
  const send = client.send.bind(client)
  client.send = (async (...args: Parameters<typeof send>) => {
    requests++
    peak = Math.max(peak, ++inFlight)
    try {
      await new Promise((resolve) => setTimeout(resolve, latencyMs))
      // The SDK's overloads type a spread call as the callback form; this is the promise form.
      const pending = send(...args) as unknown as Promise<unknown>
      return await pending
    } finally {
      inFlight--
    }
  }) as typeof client.send
  try {
    await sdks[0]!.createCheckpointTable(client, 'bench-checkpoints')
    const message = eventsText(events)
    const handlers = sdks.map((sdk) => benchHandler(sdk, sdk.dynamoStore({ client, table: 'bench-checkpoints' })))
    const context = () => ({ awsRequestId: 'bench', getRemainingTimeInMillis: () => 600_000 }) as never
    const samples = sdks.map(() => ({ ms: [] as number[], requests: [] as number[], peak: [] as number[] }))
    for (let round = 0; round <= messages; round++) {
      for (let i = 0; i < sdks.length; i++) {
        const at = round % 2 === 0 ? i : sdks.length - 1 - i
        const before = requests
        peak = 0
        const start = performance.now()
        const response = (await handlers[at]!(JSON.parse(message.next()), context())) as { type?: string; suspend_subscription?: boolean }
        const ms = performance.now() - start
        if (response?.type !== 'event_processing_response' || response.suspend_subscription) throw new Error(`dynamo bench: unexpected answer ${JSON.stringify(response)}`)
        // Round 0 warms up (the SDK's DynamoDB commands load lazily).
        if (round > 0) {
          samples[at]!.ms.push(ms)
          samples[at]!.requests.push(requests - before)
          samples[at]!.peak.push(peak)
        }
      }
    }
    const load: readonly [number, number] = [loadStart, load1()]
    const trips = Object.fromEntries(sdks.map((sdk, i) => [sdk.label, median(samples[i]!.requests)]))
    const latency = Object.fromEntries(sdks.map((sdk, i) => [sdk.label, median(samples[i]!.ms)]))
    const peaks = sdks.map((sdk, i) => `${sdk.label} ${Math.max(...samples[i]!.peak)}`).join(', ')
    const floor = `loopback dynalite, ${latencyMs} ms added per request; ${events} events per message, ${messages} messages per build; most requests in flight: ${peaks}`
    return [
      {
        id: 'dynamo-requests',
        figure: `dynamoStore on dynalite, ${events}-event message: DynamoDB requests`,
        unit: 'requests per message',
        target: 'not 1 sequential round trip per claim',
        floor,
        load,
        values: trips,
        detail: samples,
      },
      {
        id: 'dynamo-latency',
        figure: `dynamoStore on dynalite, ${events}-event message: latency`,
        unit: 'ms per message (median)',
        target: '(report)',
        floor,
        load,
        values: latency,
      },
    ]
  } finally {
    client.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

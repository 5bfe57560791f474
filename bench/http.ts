import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import autocannon from 'autocannon'
import { firehose } from '../src/firehose.js'
import { createLogger } from '../src/logger.js'
import { EVENT_TYPES } from '../src/schema/index.js'
import { serve } from '../src/transports/serve.js'
import { sampleBatch } from './sample-events.js'

export interface HttpRow {
  readonly name: string
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly non2xx: number
}

const load = (url: string, body: string, connections: number, seconds: number): Promise<HttpRow> =>
  new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', body, connections, duration: seconds, headers: { 'content-type': 'application/json', authorization: 'Token bench' } },
      (error, result) => {
        if (error) return reject(error)
        resolve({ name: '', requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx })
      },
    )
  })

/** The floor: a bare node:http server that reads the body, parses it and answers a fixed response. */
const bareServer = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ type: 'event_processing_response', id: message.id, timestamp_ms: Date.now(), firehose_version: '3.2.0' }))
      })
    })
    server.listen(0, '127.0.0.1', () => resolve(server))
  })

/** serve(firehose()) on loopback with a 100-event batch against a bare server doing JSON.parse. */
export const httpBench = async (seconds = 5, connections = 10): Promise<HttpRow[]> => {
  const body = JSON.stringify(sampleBatch(100, EVENT_TYPES))
  const noop = () => E.right(undefined)
  const handler = firehose(
    { registration: { name: 'Bench', version: '1', events: { types: EVENT_TYPES, pushMessagingProviderId: 'bench' } }, on: Object.fromEntries(EVENT_TYPES.map((type) => [type, noop])) },
    { auth: { tokens: ['bench'] }, logger: createLogger({ write: () => undefined, level: 'error' }) },
  )
  const bare = await bareServer()
  const floor = await load(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, body, connections, seconds)
  bare.close()
  const server = await serve(handler as never, { port: 0, shutdownOnSignals: false })
  const subject = await load(server.url, body, connections, seconds)
  await server.close()
  return [
    { ...floor, name: `bare node:http + JSON.parse (${connections} conns)` },
    { ...subject, name: `serve(firehose()) (${connections} conns)` },
  ]
}

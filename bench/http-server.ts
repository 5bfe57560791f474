import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * One server of the HTTP rows, in its own process (so the load generator does not share its
 * thread): `bare` (node:http that reads the body, parses it and answers a minimal response), or
 * `serve(firehose())` of the build at `<root>`, with a no-op handler per event type. Sends its port
 * over IPC, answers `cpu` with its CPU time so far, and exits on `stop`. The bare server loads
 * nothing else: the SDK (and, through bench/sdk.ts, the bundler) is imported only by a serve child,
 * since modules loaded but unused still change a process's heap and so its garbage collection.
 */
const [kind, root] = process.argv.slice(2)

const bare = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }
        const body = JSON.stringify({ type: 'event_processing_response', id: message.id, timestamp_ms: Date.now(), firehose_version: '3.2.0' })
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
        res.end(body)
      })
    })
    server.listen(0, '127.0.0.1', () => resolve(server))
  })

const start = async (): Promise<number> => {
  if (kind === 'bare') return ((await bare()).address() as AddressInfo).port
  const [E, { EVENT_TYPES }, { loadSdk }] = await Promise.all([import('fp-ts/lib/Either.js'), import('../src/schema/index.js'), import('./sdk.js')])
  const noop = () => E.right(undefined)
  const sdk = await loadSdk(kind!, root)
  const logger = sdk.createLogger({ write: () => undefined, level: 'error' })
  const handler = sdk.firehose(
    {
      registration: { name: 'Bench', version: '1', events: { types: EVENT_TYPES, pushMessagingProviderId: 'bench' } },
      on: Object.fromEntries(EVENT_TYPES.map((type) => [type, noop])),
    } as never,
    { auth: { tokens: ['bench'] }, logger },
  )
  return (await sdk.serve(handler as never, { port: 0, shutdownOnSignals: false, logger })).port
}

const port = await start()
process.send!({ port })
process.on('message', (message: string) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage()
    process.send!({ cpuUs: user + system })
  }
  if (message === 'stop') setImmediate(() => process.exit(0))
})

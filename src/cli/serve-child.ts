// The process `firehose serve` supervises: loads the integration, serves it, reports over IPC.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { enableDebug } from '../core/debug.js'
import { createLogger } from '../logger.js'
import { serve, type ServerHandler } from '../transports/serve.js'
import { isCliError } from './cli-error.js'
import { loadIntegration } from './load-module.js'
import { installFetchRecorder, recordPartnerCalls } from './partner-calls.js'
import type { ChildReport } from './supervisor.js'

const report = (message: ChildReport): Promise<void> => new Promise((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()))

enableDebug()
const [module, port, host] = process.argv.slice(2)
// Under node --watch, node watches the modules this process loads. A module that fails to load
// (a syntax error mid-edit) is never reported as loaded, and some Node versions then stop watching
// it: tell node's watcher about it up front, on the channel its child processes report on.
if (process.env.WATCH_REPORT_DEPENDENCIES && process.send && module !== undefined) {
  process.send({ 'watch:import': [pathToFileURL(resolve(process.cwd(), module)).href] })
}
const mockPartner = process.env.FIREHOSE_MOCK_PARTNER === '1'
// Before the integration loads, so that clients it makes at load time get the wrapped fetch.
if (mockPartner) installFetchRecorder()
try {
  const { handler } = await loadIntegration(module!, process.cwd())
  const logger = createLogger({ write: (line) => process.stderr.write(`${line}\n`) })
  const served = handler as ServerHandler
  // --mock-partner: each request's partner calls are answered 200 {} and logged, never sent.
  const mocked: ServerHandler = async (event, context) => {
    const { value, calls } = await recordPartnerCalls(async () => served(event, context), { mock: true })
    for (const call of calls) logger.info('partner call mocked', { method: call.method, target: call.target, status: call.status })
    return value
  }
  const server = await serve(mockPartner ? mocked : served, { port: Number(port), host: host!, logger })
  await report({ type: 'ready', url: server.url, port: server.port })
  // The supervisor ends this process with SIGTERM, which serve() turns into a graceful shutdown.
  process.on('disconnect', () => void server.close())
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  const reason = isCliError(error)
    ? error.message
    : code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use (pick another with --port)`
      : `could not start: ${(error as Error).message}`
  await report({ type: 'failed', reason })
  process.exit(1)
}

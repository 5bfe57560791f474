// The process `firehose serve` supervises: loads the integration, serves it, reports over IPC.
import { createLogger } from '../logger.js'
import { serve, type ServerHandler } from '../transports/serve.js'
import { isCliError } from './cli-error.js'
import { loadIntegration } from './load-module.js'
import type { ChildReport } from './supervisor.js'

const report = (message: ChildReport): Promise<void> => new Promise((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()))

const [module, port, host] = process.argv.slice(2)
try {
  const { handler } = await loadIntegration(module!, process.cwd())
  const logger = createLogger({ write: (line) => process.stderr.write(`${line}\n`) })
  const server = await serve(handler as ServerHandler, { port: Number(port), host: host!, logger })
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

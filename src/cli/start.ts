// What `npm start` runs (after `npm run build`): the quickstart integration served locally.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ExitCode } from './cli-error.js'
import { runServe } from './commands/serve.js'
import { processIo, type CliIo } from './io.js'
import { note } from './output.js'
import { sdk } from './sdk.js'

/** Serves the quickstart on PORT (8080 by default), restarting on change, until `io` stops it (SIGINT/SIGTERM for the real process). */
export const startQuickstart = (io: CliIo = processIo()): Promise<ExitCode> => {
  const envPort = Number(io.env.PORT ?? 8080)
  const port = Number.isInteger(envPort) && envPort >= 0 && envPort <= 65535 ? envPort : 8080
  if (String(port) !== (io.env.PORT ?? '8080')) note(io, `PORT=${io.env.PORT} is not a port number; using 8080`)
  return runServe(
    {
      module: join(sdk().root, 'examples', 'quickstart', 'src', 'handler.ts'),
      port,
      host: '127.0.0.1',
      watch: true,
      cliName: 'node bin/firehose.js',
    },
    io,
  )
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(await startQuickstart())

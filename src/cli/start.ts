// What `npm start` runs (after `npm run build`): the quickstart integration served locally.
import { join } from 'node:path'
import { runServe } from './commands/serve.js'
import { processIo } from './io.js'
import { note } from './output.js'
import { sdk } from './sdk.js'

const io = processIo()
const envPort = Number(process.env.PORT ?? 8080)
const port = Number.isInteger(envPort) && envPort >= 0 && envPort <= 65535 ? envPort : 8080
if (String(port) !== (process.env.PORT ?? '8080')) note(io, `PORT=${process.env.PORT} is not a port number; using 8080`)

const code = await runServe({
  module: join(sdk().root, 'examples', 'quickstart', 'src', 'handler.ts'),
  port,
  host: '127.0.0.1',
  watch: true,
  cliName: 'node bin/firehose.js',
}, io)
process.exit(code)

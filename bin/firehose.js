#!/usr/bin/env node
// The `firehose` command. The CLI itself is compiled to dist/ by `npm run build`.
const cli = await import('../dist/src/cli/main.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
  process.stderr.write('firehose: firehose-kit is not built (dist/ is missing): run `npm run build` in its directory\n')
  process.exit(1)
})
await cli.runCli()

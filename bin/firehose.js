#!/usr/bin/env node
// The `firehose` command: the CLI is compiled to dist/ by `npm run build`.
import { runCli } from '../dist/src/cli/main.js'

await runCli()

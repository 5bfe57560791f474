import { pathToFileURL } from 'node:url'
import { bundleCommand } from './commands/bundle-command.js'
import { checkCommand } from './commands/check.js'
import { init } from './commands/init.js'
import { registration } from './commands/registration.js'
import { replay } from './commands/replay.js'
import { send } from './commands/send.js'
import { serveCommand } from './commands/serve.js'
import { validate } from './commands/validate.js'
import { EXIT, isCliError, UsageError, type ExitCode } from './cli-error.js'
import { COMMANDS, isCommandName, overview, type CommandName } from './help.js'
import { processIo, type CliIo } from './io.js'
import { note, print } from './output.js'
import { sdk } from './sdk.js'

const RUNNERS: Record<CommandName, (argv: ReadonlyArray<string>, io: CliIo) => Promise<ExitCode>> = {
  init,
  serve: serveCommand,
  send,
  replay,
  check: checkCommand,
  registration,
  validate,
  bundle: bundleCommand,
}

/**
 * Runs one CLI invocation and returns its exit code; never throws. `io` is the real process unless
 * given: tests run the CLI in-process with their own output, environment and working directory.
 */
export const main = async (argv: ReadonlyArray<string>, io: CliIo = processIo()): Promise<ExitCode> => {
  const [command, ...rest] = argv
  if (command === undefined) {
    note(io, overview())
    return EXIT.usage
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    print(io, overview())
    return EXIT.ok
  }
  if (command === '--version' || command === '-v') {
    print(io, sdk().version)
    return EXIT.ok
  }
  if (!isCommandName(command)) {
    note(io, `firehose: unknown command ${JSON.stringify(command)}\n\n${overview()}`)
    return EXIT.usage
  }
  try {
    return await RUNNERS[command](rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      note(io, `firehose ${command}: ${error.message}\nUsage: ${COMMANDS[command].usage}\nRun \`firehose ${command} --help\` for details.`)
      return EXIT.usage
    }
    if (isCliError(error)) {
      note(io, `firehose ${command}: ${error.message}`)
      return error.exitCode
    }
    // A bug in the CLI: one line, no stack trace unless asked for.
    note(io, `firehose ${command}: unexpected error: ${(error as Error)?.message ?? String(error)}`)
    if (io.env.FIREHOSE_DEBUG) note(io, String((error as Error)?.stack))
    return EXIT.failure
  }
}

/** The `firehose` executable: runs the command in `process.argv` and exits with its code once output is flushed. */
export const runCli = async (): Promise<never> => {
  // Piped into `head` and the like: a closed stdout ends the command quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok)
    throw error
  })
  const code = await main(process.argv.slice(2))
  // Modules a command loaded may hold handles open (keep-alive sockets, timers): exit explicitly.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()))
  process.exit(code)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await runCli()

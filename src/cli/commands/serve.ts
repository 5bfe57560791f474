import { dirname } from 'node:path'
import { tokensFromEnv } from '../../core/tokens.js'
import { integerOption, parse, positionals, stringOption } from '../args.js'
import { EXIT, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { ownsProcessStreams, type CliIo } from '../io.js'
import { modulePath } from '../load-module.js'
import { displayPath, note, print } from '../output.js'
import { startChild, stopChild, type ServerChild } from '../supervisor.js'
import { watchTree } from '../watch.js'

export interface ServeRun {
  readonly module: string
  readonly port: number
  readonly host: string
  /** Given on the command line (printed) or undefined: then FIREHOSE_TOKENS, else `dev`. */
  readonly token?: string
  readonly watch: boolean
  /** How the banner spells the CLI in its ready-to-paste command. */
  readonly cliName?: string
}

/** The tokens the server accepts and what to print about them (never a token that came from the environment). */
const tokensFor = (given: string | undefined, env: NodeJS.ProcessEnv): { tokens: string[]; shown: string | undefined } => {
  if (given !== undefined) return { tokens: [given], shown: given }
  const fromEnv = tokensFromEnv(env)
  return fromEnv.length > 0 ? { tokens: fromEnv, shown: undefined } : { tokens: ['dev'], shown: 'dev' }
}

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)

/** What ends `serve`: the run's signal, else SIGINT or SIGTERM to this process (listened to only while serving). */
const stopRequest = (io: CliIo): { readonly signal: AbortSignal; readonly dispose: () => void } => {
  if (io.signal !== undefined) return { signal: io.signal, dispose: () => {} }
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    },
  }
}

/**
 * Serves a module in a supervised child process, restarting it when files under its directory
 * change. Resolves when `io.signal` aborts, or (without one) on SIGINT/SIGTERM.
 */
export const runServe = async (run: ServeRun, io: CliIo): Promise<ExitCode> => {
  const path = modulePath(run.module, io.cwd)
  const { tokens, shown } = tokensFor(run.token, io.env)
  const env = { ...io.env, FIREHOSE_TOKENS: tokens.join(',') }
  // The server's own log lines: inherited by the child from the real process, relayed otherwise.
  const output = ownsProcessStreams(io) ? undefined : { stdout: io.stdout, stderr: io.stderr }
  const startServer = (port: number): ServerChild => startChild({ module: path, port, host: run.host, env, ...(output ? { output } : {}) })
  let port = run.port
  let child: ServerChild = startServer(port)
  const first = await child.ready
  if (first.type === 'failed') {
    note(io, `firehose serve: ${first.reason}`)
    await stopChild(child)
    return EXIT.failure
  }
  port = first.port

  const cli = run.cliName ?? 'npx firehose'
  print(io, `listening on ${first.url}`)
  print(io, `  module: ${displayPath(io, path)}`)
  print(io, shown !== undefined ? `  token:  ${shown}   (Authorization: Token ${shown})` : '  token:  the first of FIREHOSE_TOKENS')
  print(io, `  try:    ${cli} send events --to ${first.url}${shown !== undefined ? ` --token ${quote(shown)}` : ''}`)

  const watchedDir = dirname(path)
  let restarting = false
  let pending = false
  let stopping = false
  const noticeCrash = (watched: ServerChild): void => {
    void watched.exited.then((code) => {
      if (watched === child && !restarting && !stopping) note(io, `firehose serve: the server stopped (exit code ${code}); waiting for a change`)
    })
  }
  noticeCrash(child)
  const restart = async (file: string): Promise<void> => {
    if (restarting) {
      pending = true
      return
    }
    restarting = true
    note(io, `change in ${file}: restarting`)
    await stopChild(child)
    child = startServer(port)
    const report = await child.ready
    noticeCrash(child)
    if (report.type === 'ready') print(io, `restarted: listening on ${report.url}`)
    else note(io, `firehose serve: ${report.reason}; waiting for a change`)
    restarting = false
    if (pending) {
      pending = false
      await restart(file)
    }
  }
  const watcher = run.watch ? watchTree(watchedDir, (file) => void restart(file)) : undefined
  if (watcher) note(io, `watching ${displayPath(io, watchedDir)} for changes (Ctrl-C to stop)`)

  const stop = stopRequest(io)
  return new Promise<ExitCode>((resolve) => {
    const shutDown = (): void => {
      stopping = true
      stop.dispose()
      watcher?.close()
      // A restart in progress sees `stopping` and starts nothing more; wait for whichever child is current.
      const stopAll = async (): Promise<void> => {
        let stopped: ServerChild | undefined
        while (stopped !== child) {
          stopped = child
          await stopChild(stopped)
          await child.ready
        }
      }
      void stopAll().then(() => resolve(EXIT.ok))
    }
    if (stop.signal.aborted) shutDown()
    else stop.signal.addEventListener('abort', shutDown, { once: true })
  })
}

export const serveCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, 'no-watch': { type: 'boolean' } })
  if (parsed.values.help) return showHelp('serve', io)
  const [module] = positionals(parsed, ['module'])
  const envPort = io.env.PORT ? Number(io.env.PORT) : undefined
  const port = integerOption(parsed, 'port', { min: 0, max: 65535 }) ?? (Number.isInteger(envPort) ? envPort! : 8080)
  return runServe({ module: module!, port, host: stringOption(parsed, 'host') ?? '127.0.0.1', token: stringOption(parsed, 'token'), watch: !parsed.values['no-watch'] }, io)
}

import { createServer, type AddressInfo } from 'node:net'
import { tokensFromEnv } from '../../core/tokens.js'
import { integerOption, parse, positionals, stringOption } from '../args.js'
import { EXIT, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { ownsProcessStreams, type CliIo } from '../io.js'
import { modulePath } from '../load-module.js'
import { displayPath, note, print } from '../output.js'
import { startChild, stopChild, type ServerChild } from '../supervisor.js'

export interface ServeRun {
  readonly module: string
  readonly port: number
  readonly host: string
  /** Given on the command line (printed) or undefined: then FIREHOSE_TOKENS, else `dev`. */
  readonly token?: string
  readonly watch: boolean
  /** Answer every partner call the integration makes with 200 `{}`, never sending it (each is logged). */
  readonly mockPartner?: boolean
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

/** A free port on `host`, so that a server node --watch restarts comes back at the same URL. */
const freePort = (host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })

/**
 * Serves a module in a child process under `node --watch`, which restarts it when a module it loaded
 * changes. Resolves when `io.signal` aborts, or (without one) on SIGINT/SIGTERM.
 */
export const runServe = async (run: ServeRun, io: CliIo): Promise<ExitCode> => {
  const path = modulePath(run.module, io.cwd)
  const { tokens, shown } = tokensFor(run.token, io.env)
  const env = { ...io.env, FIREHOSE_TOKENS: tokens.join(','), FIREHOSE_MOCK_PARTNER: run.mockPartner === true ? '1' : '' }
  // The server's own log lines: inherited by the child from the real process, relayed otherwise.
  const output = ownsProcessStreams(io) ? undefined : { stdout: io.stdout, stderr: io.stderr }
  const port = run.watch && run.port === 0 ? await freePort(run.host) : run.port
  const child: ServerChild = startChild({ module: path, port, host: run.host, env, watch: run.watch, ...(output ? { output } : {}) })
  const first = await child.ready
  if (first.type === 'failed') {
    note(io, `firehose serve: ${first.reason}`)
    await stopChild(child)
    return EXIT.failure
  }

  const cli = run.cliName ?? 'npx firehose'
  print(io, `listening on ${first.url}`)
  print(io, `  module: ${displayPath(io, path)}`)
  print(io, shown !== undefined ? `  token:  ${shown}   (Authorization: Token ${shown})` : '  token:  the first of FIREHOSE_TOKENS')
  if (run.mockPartner === true) print(io, '  partner: mocked (every call answered 200 {} and logged, never sent)')
  print(io, `  try:    ${cli} send events --to ${first.url}${shown !== undefined ? ` --token ${quote(shown)}` : ''}`)

  let stopping = false
  if (run.watch) {
    // node --watch prints "Restarting '...'" itself; the server reports how the restart went.
    child.onReport((report) => {
      if (report.type === 'ready') print(io, `restarted: listening on ${report.url}`)
      else note(io, `firehose serve: ${report.reason}; waiting for a change`)
    })
    note(io, `watching ${displayPath(io, path)} and every module it loads for changes (node --watch; Ctrl-C to stop)`)
  }
  void child.exited.then((code) => {
    if (!stopping) note(io, `firehose serve: the server stopped (exit code ${code})`)
  })

  const stop = stopRequest(io)
  return new Promise<ExitCode>((resolve) => {
    const shutDown = (): void => {
      stopping = true
      stop.dispose()
      void stopChild(child).then(() => resolve(EXIT.ok))
    }
    if (stop.signal.aborted) shutDown()
    else stop.signal.addEventListener('abort', shutDown, { once: true })
  })
}

export const serveCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    'no-watch': { type: 'boolean' },
    'mock-partner': { type: 'boolean' },
  })
  if (parsed.values.help) return showHelp('serve', io)
  const [module] = positionals(parsed, ['module'])
  const envPort = io.env.PORT ? Number(io.env.PORT) : undefined
  const port = integerOption(parsed, 'port', { min: 0, max: 65535 }) ?? (Number.isInteger(envPort) ? envPort! : 8080)
  return runServe(
    {
      module: module!,
      port,
      host: stringOption(parsed, 'host') ?? '127.0.0.1',
      token: stringOption(parsed, 'token'),
      watch: !parsed.values['no-watch'],
      mockPartner: parsed.values['mock-partner'] === true,
    },
    io,
  )
}

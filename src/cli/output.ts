import { AsyncLocalStorage } from 'node:async_hooks'
import { isAbsolute, relative } from 'node:path'
import { format } from 'node:util'
import { ownsProcessStreams, type CliIo } from './io.js'
/**
 * Where the CLI writes. Results (JSON a script may pipe) go to stdout; notes, progress and the
 * integration's own log lines go to stderr, so `firehose registration x.ts > registration.json` works.
 */
export const print = (io: CliIo, text: string): void => {
  io.stdout.write(`${text}\n`)
}

export const note = (io: CliIo, text: string): void => {
  io.stderr.write(`${text}\n`)
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2)

type LogSink = (line: string) => void
/** The sink of the CLI run a handler call belongs to (runs in one process, as tests do, keep their lines apart). */
const currentSink = new AsyncLocalStorage<LogSink>()
/** Where lines logged outside any run go once the CLI owns the process; the console's own methods otherwise. */
let processSink: LogSink | undefined
let redirected = false

const redirectConsole = (): void => {
  if (redirected) return
  redirected = true
  for (const method of ['log', 'info', 'debug'] as const) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, never called detached
    const original = console[method]
    console[method] = (...args: unknown[]): void => {
      const sink = currentSink.getStore() ?? processSink
      if (sink === undefined) original.apply(console, args)
      else sink(format(...args))
    }
  }
}

/**
 * The runtime logs with `console.log` (Lambda's way); while the CLI runs a handler those lines belong
 * on stderr (or nowhere, with --quiet). Returns a wrapper that routes the lines of whatever it runs
 * (loading the module, invoking the handler) to this run's stderr.
 */
export const handlerLogsToStderr = (io: CliIo, options: { quiet?: boolean } = {}): (<T>(work: () => T) => T) => {
  redirectConsole()
  const sink: LogSink = options.quiet ? () => {} : (line) => void io.stderr.write(`${line}\n`)
  // The real CLI: a line logged from a callback that lost its async context still stays off stdout.
  if (ownsProcessStreams(io)) processSink = sink
  return (work) => currentSink.run(sink, work)
}

/** A path as a person would type it here: relative below the working directory, absolute elsewhere. */
export const displayPath = (io: CliIo, path: string): string => {
  const nearby = relative(io.cwd, path)
  return nearby === '' ? '.' : nearby.startsWith('..') || isAbsolute(nearby) ? path : nearby
}

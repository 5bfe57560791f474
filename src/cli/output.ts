import { isAbsolute, relative } from 'node:path'
/**
 * Where the CLI writes. Results (JSON a script may pipe) go to stdout; notes, progress and the
 * integration's own log lines go to stderr, so `firehose registration x.ts > registration.json` works.
 */
export const print = (text: string): void => {
  process.stdout.write(`${text}\n`)
}

export const note = (text: string): void => {
  process.stderr.write(`${text}\n`)
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2)

let redirected = false
/** The runtime logs with `console.log` (Lambda's way); while the CLI runs a handler those lines belong on stderr (or nowhere, with --quiet). */
export const handlerLogsToStderr = (options: { quiet?: boolean } = {}): void => {
  if (redirected) return
  redirected = true
  const toStderr = options.quiet ? (): void => {} : (...args: unknown[]): void => console.error(...args)
  console.log = toStderr
  console.info = toStderr
  console.debug = toStderr
}

/** A path as a person would type it here: relative below the working directory, absolute elsewhere. */
export const displayPath = (path: string): string => {
  const nearby = relative(process.cwd(), path)
  return nearby === '' ? '.' : nearby.startsWith('..') || isAbsolute(nearby) ? path : nearby
}

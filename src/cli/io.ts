import { resolve } from 'node:path'

/** Somewhere the CLI writes text: `process.stdout`, or a buffer in a test. */
export interface CliOutput {
  write(text: string): unknown
  /** A terminal: `replay` then draws its progress bar in place instead of a line per message. */
  readonly isTTY?: boolean
}

/**
 * What one CLI run reads from and writes to outside its arguments. `main` defaults to the real
 * process (`processIo()`); tests pass their own, to run the CLI in-process with its output captured.
 */
export interface CliIo {
  /** Results: what a script may pipe (`firehose registration x.ts > registration.json`). */
  readonly stdout: CliOutput
  /** Notes, progress, errors and the integration's own log lines. */
  readonly stderr: CliOutput
  /** FIREHOSE_TOKENS, PORT, FIREHOSE_DEBUG; also the environment `serve` gives its server. */
  readonly env: NodeJS.ProcessEnv
  /** Relative paths in arguments resolve against it, and paths print relative to it. */
  readonly cwd: string
  /**
   * Stops `serve`: when it aborts, the server is shut down and the command resolves with exit code 0.
   * Without one, SIGINT and SIGTERM do (the real process).
   */
  readonly signal?: AbortSignal
}

/** The process the CLI runs in: its stdout, stderr, environment and working directory; stopped by SIGINT/SIGTERM. */
export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() })

/** Whether `io` writes to this process's own streams (then a server child can inherit them). */
export const ownsProcessStreams = (io: CliIo): boolean => io.stdout === process.stdout && io.stderr === process.stderr

/** An argument's path, resolved against the run's working directory. */
export const pathIn = (io: CliIo, path: string): string => resolve(io.cwd, path)

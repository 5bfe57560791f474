import { spawn, type ChildProcess } from 'node:child_process'
import type { CliOutput } from './io.js'
import { runningFromSource, siblingModule, tsxLoader } from './sdk.js'

export type ChildReport = { type: 'ready'; url: string; port: number } | { type: 'failed'; reason: string }

export interface ServerChild {
  readonly process: ChildProcess
  /** The child's first report: listening, or why it could not start. */
  readonly ready: Promise<ChildReport>
  /** Resolves when the process has exited (with its exit code). */
  readonly exited: Promise<number | null>
}

export interface ChildOptions {
  readonly module: string
  readonly port: number
  readonly host: string
  readonly env: NodeJS.ProcessEnv
  /** Where the server's own output goes; the supervisor's stdout and stderr (inherited) when absent. */
  readonly output?: { readonly stdout: CliOutput; readonly stderr: CliOutput }
}

/** Starts the server in a child process (a fresh module cache each time, which is what makes restarts pick up changes). */
export const startChild = (options: ChildOptions): ServerChild => {
  // From source the child entry is TypeScript and needs tsx up front; from dist/ it registers tsx itself.
  const loader = runningFromSource() ? ['--import', tsxLoader()] : []
  const child = spawn(process.execPath, [...loader, siblingModule('serve-child'), options.module, String(options.port), options.host], {
    env: options.env,
    stdio: ['ignore', options.output ? 'pipe' : 'inherit', options.output ? 'pipe' : 'inherit', 'ipc'],
  })
  if (options.output) {
    const { stdout, stderr } = options.output
    child.stdout?.setEncoding('utf8').on('data', (text: string) => stdout.write(text))
    child.stderr?.setEncoding('utf8').on('data', (text: string) => stderr.write(text))
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const ready = new Promise<ChildReport>((resolve) => {
    child.once('message', (message) => resolve(message as ChildReport))
    child.once('error', (error) => resolve({ type: 'failed', reason: `could not start node: ${error.message}` }))
    void exited.then((code) => resolve({ type: 'failed', reason: `the server exited with code ${code}` }))
  })
  return { process: child, ready, exited }
}

/** Asks the child to shut down gracefully; kills it if it takes longer than `graceMs`. */
export const stopChild = async (child: ServerChild, graceMs = 5000): Promise<void> => {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return
  child.process.kill('SIGTERM')
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs)
  await child.exited
  clearTimeout(timer)
}

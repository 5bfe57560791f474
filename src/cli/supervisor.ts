import { spawn, type ChildProcess } from 'node:child_process'
import type { CliOutput } from './io.js'
import { runningFromSource, siblingModule, tsxLoader } from './sdk.js'

export type ChildReport = { type: 'ready'; url: string; port: number } | { type: 'failed'; reason: string }

export interface ServerChild {
  readonly process: ChildProcess
  /** The child's first report: listening, or why it could not start. */
  readonly ready: Promise<ChildReport>
  /** Every later report: in watch mode, node restarts the server on a change and it reports again. */
  readonly onReport: (listener: (report: ChildReport) => void) => void
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
  /** Run under `node --watch`: node restarts the server when a module it loaded changes. */
  readonly watch?: boolean
}

const isReport = (message: unknown): message is ChildReport => {
  const type = (message as { type?: unknown } | null)?.type
  return type === 'ready' || type === 'failed'
}

/**
 * Starts the server in a child process. With `watch`, under `node --watch`: node tracks every module
 * the server loaded (the integration and what it imports) and restarts it on a change, with a fresh
 * module cache; the server reports over IPC each time it is listening again.
 */
export const startChild = (options: ChildOptions): ServerChild => {
  // From source the child entry is TypeScript and needs tsx up front; from dist/ it registers tsx itself.
  const loader = runningFromSource() ? ['--import', tsxLoader()] : []
  const watch = options.watch ? ['--watch', '--watch-preserve-output'] : []
  const child = spawn(process.execPath, [...loader, ...watch, siblingModule('serve-child'), options.module, String(options.port), options.host], {
    env: options.env,
    stdio: ['ignore', options.output ? 'pipe' : 'inherit', options.output ? 'pipe' : 'inherit', 'ipc'],
  })
  if (options.output) {
    const { stdout, stderr } = options.output
    child.stdout?.setEncoding('utf8').on('data', (text: string) => stdout.write(text))
    child.stderr?.setEncoding('utf8').on('data', (text: string) => stderr.write(text))
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const listeners: Array<(report: ChildReport) => void> = []
  let first = true
  const ready = new Promise<ChildReport>((resolve) => {
    // node --watch's own messages (the modules it tracks) share the channel: only reports count.
    child.on('message', (message) => {
      if (!isReport(message)) return
      if (first) {
        first = false
        resolve(message)
      } else for (const listener of listeners) listener(message)
    })
    child.once('error', (error) => resolve({ type: 'failed', reason: `could not start node: ${error.message}` }))
    void exited.then((code) => resolve({ type: 'failed', reason: `the server exited with code ${code}` }))
  })
  return { process: child, ready, exited, onReport: (listener) => void listeners.push(listener) }
}

/** Asks the child to shut down gracefully; kills it if it takes longer than `graceMs`. */
export const stopChild = async (child: ServerChild, graceMs = 5000): Promise<void> => {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return
  child.process.kill('SIGTERM')
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs)
  await child.exited
  clearTimeout(timer)
}

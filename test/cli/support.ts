import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CliIo } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const fixture = (name: string): string => join(root, 'test/cli/fixtures', name)
export const integration = fixture('integration.ts')
const mainTs = join(root, 'src/cli/main.ts')

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface CliOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
}

/** The environment a CLI run sees: this process's, without the tokens and port a developer may have set. */
const cliEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, FIREHOSE_TOKENS: '', PORT: '', ...env })

/** An output that keeps what is written to it, and wakes whoever waits for more. */
const buffer = () => {
  let text = ''
  const listeners = new Set<() => void>()
  return {
    write: (chunk: string): void => {
      text += chunk
      for (const listener of listeners) listener()
    },
    text: (): string => text,
    listeners,
  }
}

export interface RunningCli {
  readonly output: () => { stdout: string; stderr: string }
  /** Resolves with the match once stdout (or stderr) matches `pattern` `times` times; rejects when the command ends first. */
  readonly waitFor: (pattern: RegExp, options?: { times?: number; stream?: 'stdout' | 'stderr' }) => Promise<RegExpMatchArray>
  /** Aborts the run's signal: what SIGINT or SIGTERM is to the real process. */
  readonly stop: () => void
  /** The exit code `main` resolved with. */
  readonly exit: Promise<number>
}

/**
 * Runs `command` (the CLI's `main`, or `npm start`'s entry) in this process with an IO of its own:
 * output captured, its own environment and working directory, and a signal `stop()` aborts.
 */
export const startInProcess = (command: (io: CliIo) => Promise<number>, options: CliOptions = {}, label = 'the command'): RunningCli => {
  const stdout = buffer()
  const stderr = buffer()
  const controller = new AbortController()
  const exit = command({ stdout, stderr, env: cliEnv(options.env), cwd: options.cwd ?? root, signal: controller.signal })
  let ended = false
  void exit.finally(() => {
    ended = true
    for (const listener of [...stdout.listeners, ...stderr.listeners]) listener()
  })
  const output = () => ({ stdout: stdout.text(), stderr: stderr.text() })
  const waitFor: RunningCli['waitFor'] = (pattern, { times = 1, stream = 'stdout' } = {}) =>
    new Promise((resolve, reject) => {
      const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)
      const from = stream === 'stdout' ? stdout : stderr
      const check = (): void => {
        const matches = [...from.text().matchAll(global)]
        if (matches.length >= times) {
          from.listeners.delete(check)
          resolve(matches[times - 1]!)
        } else if (ended) {
          from.listeners.delete(check)
          reject(new Error(`${label} ended before ${pattern} x${times}\nstdout: ${stdout.text()}\nstderr: ${stderr.text()}`))
        }
      }
      from.listeners.add(check)
      check()
    })
  return { output, waitFor, stop: () => controller.abort(), exit }
}

/** Runs the CLI's `main` in this process until it returns or `stop()` is called (for `serve`). */
export const startCli = (args: ReadonlyArray<string>, options: CliOptions = {}): RunningCli => startInProcess((io) => main(args, io), options, `firehose ${args.join(' ')}`)

/** Runs the CLI's `main` in this process to its end: its exit code and what it wrote. */
export const runCli = async (args: ReadonlyArray<string>, options: CliOptions = {}): Promise<CliResult> => {
  const run = startCli(args, options)
  const code = await run.exit
  return { code, ...run.output() }
}

/**
 * Spawns the CLI from its TypeScript sources, for the tests of the process boundary itself (exit
 * codes, signals, a closed stdout): a real `node` that exits.
 */
export const spawnCli = (args: ReadonlyArray<string>, options: CliOptions = {}): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', mainTs, ...args], {
    cwd: options.cwd ?? root,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })

/** A spawned CLI run to its end. */
export const runSpawnedCli = (args: ReadonlyArray<string>, options: CliOptions = {}): Promise<CliResult> =>
  new Promise((resolve) => {
    const child = spawnCli(args, options)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

/** A temporary ESM project directory (package.json with "type": "module"), with the given files. */
export const tempProject = async (files: Record<string, string> = {}): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'firehose-cli-'))
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n')
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

export const writeJson = (path: string, value: unknown): Promise<void> => writeFile(path, `${JSON.stringify(value)}\n`)

/**
 * Runs `work` while holding a lock shared by the CLI test files: `npm start` rebuilds dist/ while
 * `init` packs it, and a pack taken mid-build could catch a half-written file.
 */
export const withDistLock = async <T>(work: () => Promise<T>): Promise<T> => {
  const lock = join(tmpdir(), `firehose-kit-dist-${Buffer.from(root).toString('base64url').slice(-24)}.lock`)
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      await mkdir(lock)
      break
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs
      if (age > 300_000) await rm(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`${lock} is still held after 3 minutes`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  try {
    return await work()
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
  readonly timeoutMs?: number
}

/** Spawns the CLI from its TypeScript sources, the way tests can run before and after a build. */
export const spawnCli = (args: ReadonlyArray<string>, options: CliOptions = {}): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', mainTs, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, FIREHOSE_TOKENS: '', PORT: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

export const runCli = (args: ReadonlyArray<string>, options: CliOptions = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawnCli(args, options)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`firehose ${args.join(' ')} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`))
    }, options.timeoutMs ?? 30_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
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

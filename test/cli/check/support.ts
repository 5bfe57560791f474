import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { checkCommand } from '../../../src/cli/commands/check.js'
import type { Clock } from '../../../src/cli/check/endpoint.js'
import type { CheckReport } from '../../../src/cli/check/run.js'

export const handWritten = fileURLToPath(new URL('./fixtures/hand-written-endpoint.mjs', import.meta.url))

/**
 * A clock that advances `stepMs` on every reading: the checks read it once before and once after
 * each request, one request at a time, so every request measures exactly `stepMs`. Tests that are
 * not about latency use it, so a busy machine (two cores shared with other work) cannot turn a
 * passing endpoint into a failing one. Tests about latency use the real clock with a real delay.
 */
export const steppingClock = (stepMs = 2): Clock => {
  let now = 0
  return () => (now += stepMs)
}

/** A clock whose readings alternate between a start and a start plus the next of `latencies`: deterministic, varied latencies. */
export const scriptedClock = (latencies: ReadonlyArray<number>): Clock => {
  let now = 0
  let reading = 0
  return () => {
    reading += 1
    if (reading % 2 === 1) return (now += 1000)
    return now + latencies[(reading / 2 - 1) % latencies.length]!
  }
}

export interface CheckRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** Parsed from stdout when `--json` was given. */
  readonly report?: CheckReport
}

/** Runs `firehose check` in-process, its output captured, with the given clock (the real one when absent). */
export const runCheck = async (argv: ReadonlyArray<string>, options: { clock?: Clock; tty?: boolean } = {}): Promise<CheckRun> => {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { isTTY: options.tty === true, write: (text: string) => (stderr += text) },
    env: { ...process.env, FIREHOSE_TOKENS: '' },
    cwd: process.cwd(),
  }
  const code = await checkCommand(argv, io, options.clock ? { clock: options.clock } : {})
  return { code, stdout, stderr, ...(argv.includes('--json') ? { report: JSON.parse(stdout) as CheckReport } : {}) }
}

/** The ids of the checks the terminal table marks with `status`. */
export const tableRows = (stdout: string, status: 'PASS' | 'FAIL' | 'WARN' | 'SKIP'): string[] =>
  [...stdout.matchAll(new RegExp(`^ ${status}\\s+(\\S+)\\s`, 'gm'))].map((match) => match[1]!)

/** The hand-written endpoint in its own process (for the defect that crashes it); killed by `stop`. */
export const spawnHandWritten = (defect: string, token: string): Promise<{ url: string; stop(): void }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [handWritten, defect, token], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => reject(new Error('the hand-written endpoint did not start')), 15_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /^(http:\/\/\S+)\n/.exec(out)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve({ url, stop: () => void (child.exitCode === null && child.kill('SIGKILL')) })
      }
    })
    child.on('error', reject)
  })

import { describe, it, expect, afterEach } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { eventBatch } from '../../src/testing/builders.js'
import { fixture, integration, runCli, spawnCli, tempProject } from './support.js'

interface Running {
  readonly child: ChildProcess
  readonly output: () => { stdout: string; stderr: string }
  /** Resolves with the match once stdout (or stderr) matches `pattern` `times` times. */
  readonly waitFor: (pattern: RegExp, options?: { times?: number; stream?: 'stdout' | 'stderr' }) => Promise<RegExpMatchArray>
  readonly exit: Promise<number | null>
}

const running: ChildProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

const start = (args: string[], env: NodeJS.ProcessEnv = {}): Running => {
  const child = spawnCli(args, { env })
  running.push(child)
  const out = { stdout: '', stderr: '' }
  const waiters = new Set<() => void>()
  child.stdout!.on('data', (chunk: Buffer) => ((out.stdout += chunk.toString()), waiters.forEach((check) => check())))
  child.stderr!.on('data', (chunk: Buffer) => ((out.stderr += chunk.toString()), waiters.forEach((check) => check())))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor: Running['waitFor'] = (pattern, { times = 1, stream = 'stdout' } = {}) =>
    new Promise((resolve, reject) => {
      const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)
      const check = (): void => {
        const matches = [...out[stream].matchAll(global)]
        if (matches.length >= times) {
          waiters.delete(check)
          clearTimeout(timer)
          resolve(matches[times - 1]!)
        }
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`timed out waiting for ${pattern} x${times}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`))
      }, 15_000)
      waiters.add(check)
      check()
    })
  return { child, output: () => out, waitFor, exit }
}

const post = (url: string, token: string, message: unknown = eventBatch({ settings: { apiKey: 'k-123' } })) =>
  fetch(url, { method: 'POST', headers: { authorization: `Token ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(message) })

const moduleSource = `export { handler } from ${JSON.stringify(integration)}\n`

describe('firehose serve', () => {
  it('serves the handler with the default dev token, restarts on change, stops on SIGINT', async () => {
    const dir = await tempProject({ 'handler.ts': moduleSource })
    const serve = start(['serve', join(dir, 'handler.ts'), '--port', '0'])
    const url = (await serve.waitFor(/try: .* --to (http:\/\/127\.0\.0\.1:\d+)/))[1]!
    expect(serve.output().stdout).toContain(`listening on ${url}`)
    expect(serve.output().stdout).toContain('token:  dev   (Authorization: Token dev)')
    expect(serve.output().stdout).toContain(`try:    npx firehose send events --to ${url} --token dev`)
    expect((await post(url, 'dev')).status).toBe(200)
    expect((await post(url, 'not-dev')).status).toBe(401)

    await appendFile(join(dir, 'handler.ts'), '// changed\n')
    await serve.waitFor(/restarted: listening on (http:\/\/\S+)/)
    expect(serve.output().stderr).toContain('change in handler.ts: restarting')
    expect((await post(url, 'dev')).status).toBe(200)

    // A broken edit keeps the supervisor alive until the next change fixes it.
    await writeFile(join(dir, 'handler.ts'), 'export const handler = (\n')
    await serve.waitFor(/waiting for a change/, { stream: 'stderr' })
    await writeFile(join(dir, 'handler.ts'), moduleSource)
    await serve.waitFor(/restarted: listening on/, { times: 2 })
    expect((await post(url, 'dev')).status).toBe(200)

    serve.child.kill('SIGINT')
    expect(await serve.exit).toBe(0)
    await expect(post(url, 'dev')).rejects.toThrow()
  }, 60_000)

  it('takes --token over FIREHOSE_TOKENS and prints it', async () => {
    const serve = start(['serve', integration, '--port', '0', '--token', 's3cret-token', '--no-watch'], { FIREHOSE_TOKENS: 'from-env' })
    const url = (await serve.waitFor(/try: .* --to (http:\/\/\S+)/))[1]!
    expect(serve.output().stdout).toContain('token:  s3cret-token')
    expect((await post(url, 's3cret-token')).status).toBe(200)
    expect((await post(url, 'from-env')).status).toBe(401)
    serve.child.kill('SIGTERM')
    expect(await serve.exit).toBe(0)
  }, 30_000)

  it('uses FIREHOSE_TOKENS without printing them', async () => {
    const serve = start(['serve', integration, '--port', '0', '--no-watch'], { FIREHOSE_TOKENS: 'env-token-1,env-token-2' })
    const url = (await serve.waitFor(/try: .* --to (http:\/\/\S+)/))[1]!
    expect(serve.output().stdout).not.toContain('env-token')
    expect(serve.output().stdout).toContain('token:  the first of FIREHOSE_TOKENS')
    expect((await post(url, 'env-token-2')).status).toBe(200)
    expect((await post(url, 'dev')).status).toBe(401)
    serve.child.kill('SIGTERM')
    expect(await serve.exit).toBe(0)
  }, 30_000)

  it('exits 1 for a missing module, a module without a handler, or a port in use', async () => {
    const missing = await runCli(['serve', fixture('missing.ts'), '--port', '0'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('module not found')
    const noHandler = await runCli(['serve', fixture('no-handler.ts'), '--port', '0'])
    expect(noHandler.code).toBe(1)
    expect(noHandler.stderr).toContain('exports no handler')

    const first = start(['serve', integration, '--port', '0', '--no-watch'])
    const port = (await first.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]!
    const second = await runCli(['serve', integration, '--port', port])
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`)
    first.child.kill('SIGTERM')
    await first.exit
  }, 30_000)
})

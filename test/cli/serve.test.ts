import { describe, it, expect, afterEach } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { appendFile, writeFile } from 'node:fs/promises'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { eventBatch, screenView } from '../../src/testing/builders.js'
import { fixture, integration, runCli, spawnCli, startCli, tempProject, type RunningCli } from './support.js'

const running: RunningCli[] = []
const spawned: ChildProcess[] = []
afterEach(async () => {
  for (const child of spawned.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  await Promise.all(
    running.splice(0).map((run) => {
      run.stop()
      return run.exit
    }),
  )
})

/** `firehose serve` in this process; stopped after the test if it did not stop itself. */
const start = (args: string[], env: NodeJS.ProcessEnv = {}): RunningCli => {
  const run = startCli(args, { env })
  running.push(run)
  return run
}

const post = (url: string, token: string, message: unknown = eventBatch({ settings: { apiKey: 'k-123' } })) =>
  fetch(url, { method: 'POST', headers: { authorization: `Token ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(message) })

const moduleSource = `export { handler } from ${JSON.stringify(integration)}\n`

describe('firehose serve', () => {
  it('serves the handler with the default dev token, restarts on change, stops when asked', async () => {
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

    serve.stop()
    expect(await serve.exit).toBe(0)
    await expect(post(url, 'dev')).rejects.toThrow()
  }, 60_000)

  it('takes --token over FIREHOSE_TOKENS and prints it', async () => {
    const serve = start(['serve', integration, '--port', '0', '--token', 's3cret-token', '--no-watch'], { FIREHOSE_TOKENS: 'from-env' })
    const url = (await serve.waitFor(/try: .* --to (http:\/\/\S+)/))[1]!
    expect(serve.output().stdout).toContain('token:  s3cret-token')
    expect((await post(url, 's3cret-token')).status).toBe(200)
    expect((await post(url, 'from-env')).status).toBe(401)
    serve.stop()
    expect(await serve.exit).toBe(0)
  }, 30_000)

  it('uses FIREHOSE_TOKENS without printing them', async () => {
    const serve = start(['serve', integration, '--port', '0', '--no-watch'], { FIREHOSE_TOKENS: 'env-token-1,env-token-2' })
    const url = (await serve.waitFor(/try: .* --to (http:\/\/\S+)/))[1]!
    expect(serve.output().stdout).not.toContain('env-token')
    expect(serve.output().stdout).toContain('token:  the first of FIREHOSE_TOKENS')
    expect((await post(url, 'env-token-2')).status).toBe(200)
    expect((await post(url, 'dev')).status).toBe(401)
    serve.stop()
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
  }, 30_000)
})

describe('firehose serve as a process', () => {
  it('on SIGTERM lets a request in flight finish, stops its server and exits 0', async () => {
    // The partner holds the handler's call until the server is shutting down.
    let held: ServerResponse | undefined
    let partnerReached!: () => void
    const reached = new Promise<void>((resolve) => (partnerReached = resolve))
    const partner = createServer((_, res) => {
      held = res
      partnerReached()
    })
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve))
    const endpoint = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`
    try {
      const child = spawnCli(['serve', integration, '--port', '0', '--no-watch'])
      spawned.push(child)
      let stdout = ''
      let stderr = ''
      const seen = (pattern: RegExp, stream: () => string): Promise<RegExpMatchArray> =>
        new Promise((resolve, reject) => {
          const check = (): void => {
            const match = stream().match(pattern)
            if (match) resolve(match)
          }
          child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), check()))
          child.stderr!.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), check()))
          child.on('exit', () => reject(new Error(`exited before ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`)))
          check()
        })
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      const url = (await seen(/listening on (http:\/\/\S+)/, () => stdout))[1]!

      const inFlight = post(url, 'dev', eventBatch({ settings: { apiKey: 'k-123', endpoint }, events: [screenView()] }))
      await reached
      child.kill('SIGTERM')
      await seen(/"shutting down"/, () => stderr)
      held!.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      expect((await inFlight).status).toBe(200)
      expect(await exited).toBe(0)
      await expect(post(url, 'dev')).rejects.toThrow()
    } finally {
      partner.closeAllConnections()
      await new Promise((resolve) => partner.close(resolve))
    }
  }, 60_000)
})

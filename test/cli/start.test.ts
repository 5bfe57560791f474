import { describe, it, expect, afterEach } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { startQuickstart } from '../../src/cli/start.js'
import { root, runCli, startInProcess, withDistLock } from './support.js'

let app: ChildProcess | undefined
afterEach(() => {
  if (app?.pid !== undefined && app.exitCode === null && app.signalCode === null) {
    try {
      process.kill(-app.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
})

/** Waits until stdout matches; the child's output so far is in the error when it does not. */
const waitFor = (child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> =>
  new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`)), timeoutMs)
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = pattern.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(match)
      }
    })
  })

describe('npm start', () => {
  it('builds, then serves the quickstart on PORT, printing the URL, the token and a send command', async () => {
    // `npm start` is `npm run build && node dist/src/cli/start.js`: the compiled CLI loads the TypeScript quickstart.
    const { url, banner } = await withDistLock(async () => {
      app = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PORT: '0', FIREHOSE_TOKENS: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      const match = await waitFor(app, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*try: +node bin\/firehose\.js send events --to \1 --token dev/, 150_000)
      return { url: match[1]!, banner: match[0] }
    })
    expect(banner).toContain('module: examples/quickstart/src/handler.ts')
    expect(banner).toContain('token:  dev   (Authorization: Token dev)')

    const post = (token: string, message: unknown) =>
      fetch(url, { method: 'POST', headers: { authorization: `Token ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(message) })
    const registration = await post('dev', { type: 'module_registration_request', id: 'r-1', timestamp_ms: 1, firehose_version: '3.2.0' })
    expect(registration.status).toBe(200)
    expect(((await registration.json()) as { type: string }).type).toBe('module_registration_response')
    const unauthorized = await post('wrong', { type: 'event_processing_request', id: 'e-1', timestamp_ms: 1, firehose_version: '3.2.0', account: { account_id: 1 }, events: [] })
    expect(unauthorized.status).toBe(401)

    // Ctrl-C: SIGINT to the whole process group (npm, node start.js, the server it supervises).
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => app!.on('exit', (code, signal) => resolve({ code, signal })))
    process.kill(-app!.pid!, 'SIGINT')
    const { code, signal } = await exited
    expect(code === 0 || signal === 'SIGINT').toBe(true)
    const deadline = Date.now() + 10_000
    while (
      await post('dev', {}).then(
        () => true,
        () => false,
      )
    ) {
      expect(Date.now() < deadline, 'the server still answers after Ctrl-C').toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }, 180_000)
})

describe('the quickstart server npm start runs, in-process', () => {
  it('serves the quickstart on PORT with the dev token and stops when asked', async () => {
    const run = startInProcess(startQuickstart, { env: { PORT: '0' } })
    const url = (await run.waitFor(/try: +node bin\/firehose\.js send events --to (http:\/\/127\.0\.0\.1:\d+) --token dev/))[1]!
    expect(run.output().stdout).toContain('module: examples/quickstart/src/handler.ts')
    const registration = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Token dev', 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'module_registration_request', id: 'r-1', timestamp_ms: 1, firehose_version: '3.2.0' }),
    })
    expect(registration.status).toBe(200)
    expect(run.output().stdout).toContain('partner: mocked')
    // The command the banner suggests works as printed: the quickstart's partner is answered locally.
    const sent = await runCli(['send', 'events', '--to', url, '--token', 'dev'])
    expect(sent.code, sent.stderr).toBe(0)
    await run.waitFor(/partner call mocked/, { stream: 'stderr' })
    run.stop()
    expect(await run.exit).toBe(0)
    await expect(fetch(url)).rejects.toThrow()
  }, 60_000)
})

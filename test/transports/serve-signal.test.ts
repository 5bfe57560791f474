import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { TOKEN, message } from './stub-handler.js'
import { send } from './http-client.js'

const child = fileURLToPath(new URL('./fixtures/serve-child.ts', import.meta.url))

describe('serve(): SIGTERM', () => {
  it('finishes the request in flight, answers new messages retryable meanwhile, then stops listening and exits', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const waiters = new Set<() => void>()
    proc.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), waiters.forEach((check) => check())))
    proc.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), waiters.forEach((check) => check())))
    /** Resolves when the child has written `pattern`: the test follows the child, not a clock. */
    const seen = (pattern: RegExp, stream: () => string): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stream().match(pattern)
          if (match) {
            waiters.delete(check)
            resolve(match)
          }
        }
        waiters.add(check)
        proc.on('exit', () => reject(new Error(`child exited before ${pattern}: ${stderr}`)))
        check()
      })
    const url = (await seen(/^(http:\/\/\S+)\n/, () => stdout))[1]!
    const headers = { authorization: `Token ${TOKEN}` }
    const inFlight = send(url, { body: JSON.stringify(message('in-flight', 'slow', { delayMs: 400 })), headers })
    await seen(/called/, () => stdout)
    const exited = once(proc, 'exit')
    proc.kill('SIGTERM')
    await seen(/"message":"shutting down"/, () => stderr)
    // While the request in flight finishes the server still answers: new messages retryable, /health 503.
    expect((await send(url, { body: JSON.stringify(message('late')), headers })).status).toBe(429)
    expect((await send(url, { method: 'GET', path: '/health' })).status).toBe(503)
    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(answer.json().id).toBe('in-flight')
    const [code, signal] = await exited
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' })
    expect(stderr).toContain('"message":"shutting down"')
    expect(stderr).toContain('"message":"stopped"')
  })
})

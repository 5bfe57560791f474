import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { setTimeout as delay } from 'node:timers/promises'
import { TOKEN, message } from './stub-handler.js'
import { send } from './http-client.js'

const child = fileURLToPath(new URL('./fixtures/serve-child.ts', import.meta.url))

describe('serve(): SIGTERM', () => {
  it('finishes the request in flight, answers new messages retryable meanwhile, then stops listening and exits', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
      proc.on('exit', () => reject(new Error(`child exited early: ${stderr}`)))
    })
    const headers = { authorization: `Token ${TOKEN}` }
    const inFlight = send(url, { body: JSON.stringify(message('in-flight', 'slow', { delayMs: 400 })), headers })
    await delay(100)
    const exited = once(proc, 'exit')
    proc.kill('SIGTERM')
    await delay(50)
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

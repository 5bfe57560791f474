import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the server does with the next request. */
export type Step =
  | {
      readonly status: number
      readonly headers?: Record<string, string>
      readonly body?: string
      readonly delayMs?: number
      /** Answer only once this settles: a test decides when, instead of a clock. */
      readonly until?: Promise<unknown>
    }
  | { readonly reset: true }
  | { readonly hang: true }

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
  readonly socket: number
  readonly at: number
  /** Resolves when the client goes away before an answer was sent (e.g. an aborted call). */
  readonly abandoned: Promise<void>
}

/** A real node:http server on loopback that answers from a script, and records what it saw. */
export const scriptedServer = async () => {
  const steps: Step[] = []
  const requests: Recorded[] = []
  const socketIds = new WeakMap<Socket, number>()
  let sockets = 0

  const answer = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    let abandon: () => void = () => {}
    const abandoned = new Promise<void>((resolve) => {
      abandon = resolve
    })
    res.on('close', () => {
      if (!res.writableFinished) abandon()
    })
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: socketIds.get(req.socket) ?? -1, at: Date.now(), abandoned })
    const step = steps.shift() ?? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }
    if ('reset' in step) return void req.socket.destroy()
    if ('hang' in step) return
    const send = (): void => {
      res.writeHead(step.status, step.headers ?? {})
      res.end(step.body ?? '')
    }
    const afterDelay = (): void => void (step.delayMs ? setTimeout(send, step.delayMs) : send())
    if (step.until) void step.until.then(afterDelay, afterDelay)
    else afterDelay()
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  server.on('connection', (socket) => socketIds.set(socket, ++sockets))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...next: Step[]): void => {
      steps.push(...next)
    },
    /** Forgets recorded requests and unused steps. */
    reset: (): void => {
      steps.length = 0
      requests.length = 0
    },
    close: (): Promise<void> =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type ScriptedServer = Awaited<ReturnType<typeof scriptedServer>>

/** A loopback port that nothing listens on: bound, then closed. */
export const refusedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** An error shaped like undici's `fetch failed` wrapping a system error. */
export const fetchFailed = (code: string): TypeError => new TypeError('fetch failed', { cause: Object.assign(new Error(`${code} something`), { code }) })

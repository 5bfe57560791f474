import { Agent, request } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: () => any
  reusedSocket: boolean
}

/** One request over loopback with node:http (no fetch: its pooling would hide what the server does). */
export const send = (
  url: string,
  options: { method?: string; path?: string; body?: string | Buffer; headers?: Record<string, string | number>; agent?: Agent } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request(new URL(options.path ?? '/', url), { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text), reusedSocket: req.reusedSocket })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })

/** A raw TCP connection, for clients that misbehave. */
export const rawSocket = (url: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const socket = connect(Number(port), hostname, () => resolve(socket))
    socket.on('error', reject)
  })

/** Everything the server sends until it closes the connection. */
export const readUntilClosed = (socket: Socket): Promise<string> =>
  new Promise((resolve) => {
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    socket.on('close', () => resolve(text))
    socket.on('error', () => undefined)
  })

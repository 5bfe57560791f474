import { Agent, request } from 'node:http'
import { TOKEN, type Delivery } from './harness.js'

export const post = (url: string, body: string, agent: Agent): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })

/** mParticle over HTTP: 200 acknowledges; 429, 5xx and network errors are delivered again. */
export const overHttp =
  (url: string, agent: Agent) =>
  async (message: unknown): Promise<Delivery> => {
    let status: number
    try {
      status = await post(url, JSON.stringify(message), agent)
    } catch {
      return 'retry' // a network error: mParticle delivers the message again
    }
    if (status === 200) return 'ack'
    if (status === 429 || status >= 500) return 'retry'
    throw new Error(`unexpected status ${status}`)
  }

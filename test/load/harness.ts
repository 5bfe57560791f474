import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { permanent, setting, type FirehoseDefinition } from '../../src/index.js'
import { customEvent, eventBatch } from '../../src/testing/index.js'
import { rng, type Rng } from '../fuzz/support.js'

/**
 * Load with faults: a partner stand-in that fails at random and honours idempotency keys, a
 * definition that sends one call per event through `ctx.http`, mParticle's side (messages delivered
 * again until acknowledged, and duplicated), and the final accounting: every event delivered exactly
 * once or failed permanently with a log line. Outcomes are decided by invariants, not by timing:
 * which call meets which fault depends on arrival order, the totals asserted do not.
 */

export const TOKEN = 'load-token-3c9d'
export const HEADER = 'Idempotency-Key'

export interface FaultRates {
  readonly status500: number
  readonly status429: number
  readonly reset: number
  readonly timeout: number
  readonly acceptThenHang: number
  readonly status400: number
}

export const DEFAULT_FAULTS: FaultRates = { status500: 0.05, status429: 0.03, reset: 0.02, timeout: 0.01, acceptThenHang: 0.02, status400: 0.005 }

/** The partner's API: applies an event once per idempotency key, and fails at random. */
export const partnerStandIn = async (seed: number, rates: FaultRates = DEFAULT_FAULTS) => {
  const r = rng(seed)
  /** How many times each event id was applied (a key seen before applies nothing). */
  const applied = new Map<string, number>()
  const keys = new Set<string>()
  const faults = { status500: 0, status429: 0, reset: 0, timeout: 0, acceptThenHang: 0, status400: 0, replayedKeys: 0, calls: 0, withoutKey: 0 }
  /** Event ids the partner refused for good (400): the runtime must log them as failed. */
  const refused = new Set<string>()
  const sockets = new Set<Socket>()

  const apply = (key: string | undefined, id: string): void => {
    if (key !== undefined) {
      if (keys.has(key)) {
        faults.replayedKeys++
        return
      }
      keys.add(key)
    } else faults.withoutKey++
    applied.set(id, (applied.get(id) ?? 0) + 1)
  }

  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    faults.calls++
    const key = req.headers[HEADER.toLowerCase()] as string | undefined
    const id = (JSON.parse(text) as { id: string }).id
    let roll = r.next()
    const hit = (rate: number): boolean => {
      if (roll < rate) return true
      roll -= rate
      return false
    }
    if (hit(rates.status500)) return void (faults.status500++, res.writeHead(500).end('{"error":"boom"}'))
    if (hit(rates.status429)) return void (faults.status429++, res.writeHead(429).end('{"error":"slow down"}'))
    if (hit(rates.reset)) return void (faults.reset++, req.socket.destroy())
    if (hit(rates.timeout)) return void faults.timeout++ // never answers, applies nothing
    if (hit(rates.acceptThenHang)) {
      faults.acceptThenHang++
      apply(key, id) // accepted, but the answer never comes
      return
    }
    if (hit(rates.status400)) {
      faults.status400++
      refused.add(id)
      return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid"}')
    }
    apply(key, id)
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    applied,
    refused,
    faults,
    close: async (): Promise<void> => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
export type PartnerStandIn = Awaited<ReturnType<typeof partnerStandIn>>

const settings = { apiKey: setting.text({ name: 'API Key', required: true, confidential: true }) }
export const registration = { name: 'Load', version: '1.0', events: { settings, types: ['custom_event'] } } as const
export const accountSettings = { apiKey: 'load-api-key-77aa' }

/** One call per event; events named `refuse...` are refused by the handler itself (permanent). */
export const loadDefinition = (partnerUrl: string): FirehoseDefinition<typeof registration> => ({
  registration,
  on: {
    custom_event: (event, ctx) =>
      event.name.startsWith('refuse') ? E.left(permanent('refused by the integration')) : ctx.http.send({ url: `${partnerUrl}/track`, json: { id: event.id } }),
  },
})

/** `count` messages of `perMessage` events each; about 1% of events are refused by the handler. */
export const loadMessages = (count: number, perMessage: number, seed: number) => {
  const r = rng(seed)
  return Array.from({ length: count }, (_, m) =>
    eventBatch({
      settings: accountSettings,
      accountId: 1000 + (m % 7),
      events: Array.from({ length: perMessage }, (_, i) => customEvent({ name: r.chance(0.01) ? `refuse-${m}-${i}` : `e-${m}-${i}`, timestamp_ms: 1_795_000_000_000 + i })),
    }),
  )
}

export type Delivery = 'ack' | 'retry'

export interface DriveStats {
  deliveries: number
  retries: number
  duplicates: number
  maxAttempts: number
}

/**
 * mParticle's side: every message is delivered until acknowledged (retryable answers and network
 * errors are delivered again), and about 10% are delivered again after their acknowledgement, some
 * of them twice at once, as a retry racing the first delivery would.
 */
export const drive = async (
  messages: ReadonlyArray<unknown>,
  deliver: (message: unknown) => Promise<Delivery>,
  options: { concurrency: number; seed: number; maxAttempts?: number },
): Promise<DriveStats> => {
  const r: Rng = rng(options.seed)
  const stats: DriveStats = { deliveries: 0, retries: 0, duplicates: 0, maxAttempts: 0 }
  const queue: Array<{ message: unknown; attempts: number; duplicate: boolean }> = messages.map((message) => ({ message, attempts: 0, duplicate: r.chance(0.1) }))
  const maxAttempts = options.maxAttempts ?? 200
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      job.attempts++
      stats.maxAttempts = Math.max(stats.maxAttempts, job.attempts)
      if (job.attempts > maxAttempts) throw new Error(`a message was delivered ${maxAttempts} times without being acknowledged`)
      stats.deliveries++
      const racing = job.duplicate && job.attempts === 1 && r.chance(0.3)
      const [outcome] = await Promise.all([deliver(job.message), ...(racing ? [deliver(job.message).then(() => void stats.duplicates++)] : [])])
      if (outcome === 'retry') {
        stats.retries++
        queue.push(job)
      } else if (job.duplicate) {
        // Acknowledged, and delivered again later anyway.
        job.duplicate = false
        stats.duplicates++
        queue.push(job)
      }
    }
  }
  // Workers stop when the queue is empty; a job pushed back by a worker still running is picked up by it.
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return stats
}

/** Event ids the runtime logged as failed for good (one line each, or listed in a summary line). */
export const failedInLogs = (records: ReadonlyArray<Record<string, unknown>>): Set<string> => {
  const failed = new Set<string>()
  for (const line of records) {
    if (line.message === 'item failed for good' && typeof line.item === 'string') failed.add(line.item)
    if (line.message === 'items failed for good' && Array.isArray(line.items)) for (const item of line.items as Array<{ item: string }>) failed.add(item.item)
  }
  return failed
}

/** The accounting: every event applied exactly once at the partner, or logged as failed for good. */
export const account = (messages: ReadonlyArray<{ events: ReadonlyArray<unknown> }>, partner: PartnerStandIn, failed: ReadonlySet<string>) => {
  let events = 0
  let delivered = 0
  let failedForGood = 0
  const lost: string[] = []
  const doubled: string[] = []
  for (const message of messages) {
    for (const event of message.events as ReadonlyArray<{ id: string }>) {
      events++
      const times = partner.applied.get(event.id) ?? 0
      if (times > 1) doubled.push(event.id)
      if (times >= 1) delivered++
      else if (failed.has(event.id)) failedForGood++
      else lost.push(event.id)
    }
  }
  return { events, delivered, failedForGood, lost, doubled }
}

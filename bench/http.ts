import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { load1, median } from './harness.js'
import { eventsText } from './messages.js'
import type { Row } from './report.js'
import { ROOT, type Sdk } from './sdk.js'

interface Served {
  readonly label: string
  readonly child: ChildProcess
  readonly port: number
}

const startServer = async (label: string, args: string[]): Promise<Served> => {
  const child = fork(join(ROOT, 'dist/bench/http-server.js'), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const [message] = (await once(child, 'message')) as [{ port: number }]
  return { label, child, port: message.port }
}

const cpuOf = async (served: Served): Promise<number> => {
  served.child.send('cpu')
  const [message] = (await once(served.child, 'message')) as [{ cpuUs: number }]
  return message.cpuUs
}

const hit = (port: number, body: string, connections: number, seconds: number) =>
  new Promise<{ requests: number; rps: number; p99: number; non2xx: number }>((resolve, reject) => {
    autocannon(
      { url: `http://127.0.0.1:${port}/`, method: 'POST', body, connections, duration: seconds, headers: { 'content-type': 'application/json', authorization: 'Token bench' } },
      (error, result) => {
        if (error) return reject(error)
        resolve({ requests: result.requests.total, rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx })
      },
    )
  })

/**
 * serve(firehose()) of each build against a bare node:http server that parses and answers, each in
 * its own process, under autocannon from this one (10 connections, a 100-event body), in
 * alternating rounds: per round, each server's requests per second over the bare server's, and its
 * CPU time per request over the bare server's. Medians over rounds; p99 latency the worst round's median.
 */
export const httpBench = async (sdks: ReadonlyArray<Sdk>, options: { rounds?: number; seconds?: number; connections?: number } = {}): Promise<Row[]> => {
  const rounds = options.rounds ?? 5
  const seconds = options.seconds ?? 3
  const connections = options.connections ?? 10
  const body = eventsText(100).text
  const loadStart = load1()
  const servers = [await startServer('bare', ['bare']), ...(await Promise.all(sdks.map((sdk) => startServer(sdk.label, [sdk.label, sdk.root]))))]
  try {
    for (const s of servers) await hit(s.port, body, connections, 1) // warm-up
    const samples = new Map<string, Array<{ rps: number; cpuPerRequest: number; p99: number; non2xx: number }>>(servers.map((s) => [s.label, []]))
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse()
      for (const s of order) {
        const cpu0 = await cpuOf(s)
        const run = await hit(s.port, body, connections, seconds)
        const cpu = (await cpuOf(s)) - cpu0
        samples.get(s.label)!.push({ rps: run.rps, cpuPerRequest: cpu / Math.max(1, run.requests), p99: run.p99, non2xx: run.non2xx })
      }
    }
    const bare = samples.get('bare')!
    const ratio = (label: string, pick: (s: { rps: number; cpuPerRequest: number }) => number) => median(samples.get(label)!.map((s, i) => pick(s) / pick(bare[i]!)))
    const load: readonly [number, number] = [loadStart, load1()]
    const labels = sdks.map((s) => s.label)
    const last = labels.at(-1)!
    const rpsValues = Object.fromEntries(labels.map((l) => [l, ratio(l, (s) => s.rps)]))
    const p99Values = Object.fromEntries(labels.map((l) => [l, median(samples.get(l)!.map((s) => s.p99))]))
    const cpuValues = Object.fromEntries(labels.map((l) => [l, ratio(l, (s) => s.cpuPerRequest)]))
    const floor = `bare: ${median(bare.map((s) => s.rps)).toFixed(0)} req/s, p99 ${median(bare.map((s) => s.p99))} ms, ${median(bare.map((s) => s.cpuPerRequest)).toFixed(0)} µs CPU/request`
    const errors = labels.filter((l) => samples.get(l)!.some((s) => s.non2xx > 0))
    if (errors.length > 0) throw new Error(`non-2xx answers from ${errors.join(', ')}`)
    return [
      {
        id: 'serve-rps',
        figure: `serve() vs bare node:http, ${connections} connections, 100-event body: requests/s`,
        unit: '× the bare server',
        target: '≥ 0.8×',
        floor,
        load,
        values: rpsValues,
        met: rpsValues[last]! >= 0.8,
        detail: Object.fromEntries(samples),
      },
      { id: 'serve-p99', figure: 'serve(): p99 latency', unit: 'ms', target: '< 100 ms', floor, load, values: p99Values, met: p99Values[last]! < 100 },
      { id: 'serve-cpu', figure: 'serve(): CPU time per request', unit: '× the bare server', target: '(≈ 1/0.8)', floor, load, values: cpuValues },
    ]
  } finally {
    for (const s of servers) s.child.send('stop')
  }
}

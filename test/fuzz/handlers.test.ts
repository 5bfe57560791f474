import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Context } from 'aws-lambda'
import { createHandler as createQuickstart } from '../../examples/quickstart/src/handler.js'
import { createHandler as createSlack } from '../../examples/slack/src/handler.js'
import { createIterableHandler } from '../../examples/iterable/src/handler.js'
import { createLogger } from '../../src/logger.js'
import { recordingFetch } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { checkDirect, checkHttp, httpEvent, type Verdict } from './checks.js'
import { MAX_LINE, SCALE, SEED, corpus, mutate, prototypeSnapshot, randomJson, rng, saveRegression, type Rng } from './support.js'

const TOKEN = 'fuzz-token-5e1f'
type Handler = (event: unknown, context: Context) => Promise<unknown>

/** Each example with settings that pass its checks, built against a fresh recorded partner that answers at random. */
const examples: Record<string, { settings: Record<string, string>; build: (fetch: typeof globalThis.fetch, log: (line: string) => void) => Handler }> = {
  quickstart: {
    settings: { apiKey: 'acme-key-7f3a9c' },
    build: (fetch, log) => createQuickstart({ fetch, logger: createLogger({ write: log }), auth: { tokens: [TOKEN] }, http: { backoff: { baseMs: 1, maxMs: 1 } } }) as Handler,
  },
  slack: {
    settings: { webhookUrl: 'https://hooks.slack.com/services/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' },
    build: (fetch, log) => createSlack({ fetch, logger: createLogger({ write: log }), auth: { tokens: [TOKEN] }, http: { backoff: { baseMs: 1, maxMs: 1 } } }) as Handler,
  },
  iterable: {
    settings: { apiKey: 'test-key', userIdField: 'customerId', coerceStringsToScalars: 'true', listId: '7' },
    build: (fetch, log) => createIterableHandler({ fetch, logger: createLogger({ write: log }) }) as Handler,
  },
}

/** The partner stand-in: mostly 200, sometimes 429, 500, 400 or a reset (no waiting: retries back off 1 ms). */
const partner = (r: Rng) =>
  recordingFetch(() => {
    const roll = r.next()
    if (roll < 0.85) return { status: 200, json: { msg: '', code: 'Success', params: {} }, body: undefined }
    if (roll < 0.9) return { status: 429 }
    if (roll < 0.94) return { status: 500 }
    if (roll < 0.97) return { status: 400, json: { error: 'bad' } }
    return { networkError: 'reset' }
  })

const withSettings = (seed: unknown, settings: Record<string, string>, r: Rng): unknown => {
  const message = structuredClone(seed) as Record<string, unknown>
  const account = message.account
  if (r.chance(0.85) && account !== null && typeof account === 'object') (account as Record<string, unknown>).account_settings = { ...settings }
  return message
}

const PER_EXAMPLE = Math.round(25_000 * SCALE)
const RANDOM_PER_EXAMPLE = Math.round(3_000 * SCALE)
const VIAS = ['direct', 'rest', 'http-api', 'function-url'] as const

let savedTokens: string | undefined
beforeAll(() => {
  // The Iterable example takes its tokens from the environment, as deployed.
  savedTokens = process.env.FIREHOSE_TOKENS
  process.env.FIREHOSE_TOKENS = TOKEN
})
afterAll(() => {
  if (savedTokens === undefined) delete process.env.FIREHOSE_TOKENS
  else process.env.FIREHOSE_TOKENS = savedTokens
})

describe('fuzz: firehose() with the examples, direct and over HTTP', () => {
  const seeds = corpus()
  for (const [name, example] of Object.entries(examples)) {
    it(`${name}: ${PER_EXAMPLE} mutated and ${RANDOM_PER_EXAMPLE} random messages: a valid envelope, a typed failure or an expected HTTP answer`, async () => {
      const r = rng(SEED ^ (name.length * 7919))
      const before = prototypeSnapshot()
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      const failures: string[] = []
      let lines = 0
      let longest = 0
      let longestLine = ''
      const log = (line: string): void => {
        lines++
        if (line.length > longest) {
          longest = line.length
          if (longest >= MAX_LINE) longestLine = line.replace(/(.)\1{50,}/g, (run, c: string) => `${c}×${run.length}`).slice(0, 500)
        }
      }
      let handler: Handler = example.build(partner(r).fetch, log)
      let heapPeak = 0
      const context = () => fakeLambdaContext({ timeoutMs: 30_000 })
      const inputs = (function* () {
        for (let i = 0; i < PER_EXAMPLE; i++) yield { ...mutate(withSettings(r.pick(seeds), example.settings, r), r), index: i }
        for (const [i, value] of randomJson(RANDOM_PER_EXAMPLE, SEED + name.length).entries()) {
          let text = ''
          try {
            text = JSON.stringify(value) ?? ''
          } catch {
            // not text: direct only
          }
          yield { value, text, ops: ['random json'], index: PER_EXAMPLE + i }
        }
      })()
      for (const input of inputs) {
        // A fresh recorded partner now and then: its record of calls must not grow without bound.
        if (input.index % 500 === 0) {
          handler = example.build(partner(r).fetch, log)
          heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
        }
        const via = input.text === '' ? 'direct' : VIAS[input.index % VIAS.length]!
        const verdict: Verdict = via === 'direct' ? await checkDirect(handler, input.value, context()) : await checkHttp(handler, httpEvent(input.text, via, TOKEN), context())
        if (verdict !== undefined && failures.length < 20) {
          failures.push(`${via}: ${verdict} [${input.ops.join(', ')}] -> ${saveRegression({ target: `${name}-${via}`, input: input.value, problem: verdict })}`)
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
      process.off('unhandledRejection', onUnhandled)
      expect(failures).toEqual([])
      expect(unhandled).toEqual([])
      expect(prototypeSnapshot()).toBe(before)
      expect(heapPeak).toBeLessThan(1_500 * 1024 * 1024)
      expect(longest, longestLine).toBeLessThan(MAX_LINE)
      console.log(`[fuzz] ${name}: ${PER_EXAMPLE + RANDOM_PER_EXAMPLE} messages, ${lines} log lines (longest ${longest} chars), heap peak ${Math.round(heapPeak / 1024 / 1024)} MB`)
    }, 600_000)
  }
})

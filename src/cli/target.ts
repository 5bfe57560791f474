import { DEFAULTS } from '../core/defaults.js'
import { parseMessageText } from '../schema/exact.js'
import { performance } from 'node:perf_hooks'
import { fakeLambdaContext } from '../transports/lambda-context.js'
import type { CliIo } from './io.js'
import { loadIntegration } from './load-module.js'
import { kindOfHttpAnswer, kindOfRejection, kindOfResponse, reasonOf, type OutcomeKind } from './outcome.js'
import { handlerLogsToStderr } from './output.js'
import { installFetchRecorder, recordPartnerCalls, type PartnerCall } from './partner-calls.js'

/** mParticle's latency budgets: an HTTP endpoint should answer within 100 ms, a Lambda function within 200 ms. */
export const BUDGET_MS = { http: DEFAULTS.httpBudgetMs, module: DEFAULTS.lambdaBudgetMs } as const

export interface Delivery {
  readonly kind: OutcomeKind
  readonly latencyMs: number
  /** True when the message never reached the target (it could not be sent): its latency means nothing. */
  readonly unsent?: true
  /** The HTTP status (HTTP targets only). */
  readonly status?: number
  /** The response (direct) or the parsed answer body (HTTP). */
  readonly response?: unknown
  readonly reason?: string
  /** Partner calls the integration made (module targets only). */
  readonly calls?: ReadonlyArray<PartnerCall>
}

export interface Target {
  readonly via: 'http' | 'module'
  readonly label: string
  readonly budgetMs: number
  /** Sends one message, given as the JSON text to deliver. Never throws. */
  deliver(text: string): Promise<Delivery>
}

export interface TargetOptions {
  /** Sent as `Authorization: Token <token>` to a URL. */
  readonly token?: string
  readonly timeoutMs?: number
  /** Drop the integration's own log lines (module targets). */
  readonly quiet?: boolean
  /** Answer the integration's partner calls with 200 `{}` instead of sending them (module targets). */
  readonly mockPartner?: boolean
}

export const isUrl = (to: string): boolean => /^https?:\/\//i.test(to)

const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100

const parseBody = (text: string): unknown => {
  if (text === '') return undefined
  try {
    return parseMessageText(text)
  } catch {
    return text
  }
}

const httpTarget = (url: string, options: TargetOptions): Target => ({
  via: 'http',
  label: url,
  budgetMs: BUDGET_MS.http,
  async deliver(text) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (options.token !== undefined) headers.authorization = `Token ${options.token}`
    const started = performance.now()
    try {
      const answer = await fetch(url, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) })
      const body = parseBody(await answer.text())
      const latencyMs = elapsed(started)
      const kind = kindOfHttpAnswer(answer.status, body)
      return { kind, latencyMs, status: answer.status, response: body, ...(kind !== 'delivered' ? { reason: reasonOf(body) ?? `HTTP ${answer.status}` } : {}) }
    } catch (error) {
      const details = (error as { cause?: { code?: string; message?: string } }).cause
      const cause = details?.code ?? details?.message
      const reason = (error as Error).name === 'TimeoutError' ? 'no answer in time' : `could not reach ${url}${cause ? ` (${cause})` : ''}`
      return { kind: 'unreachable', latencyMs: elapsed(started), reason }
    }
  },
})

const moduleTarget = async (argument: string, io: CliIo, options: TargetOptions): Promise<Target> => {
  const withLogs = handlerLogsToStderr(io, { quiet: options.quiet })
  installFetchRecorder()
  const { handler } = await withLogs(() => loadIntegration(argument, io.cwd))
  return {
    via: 'module',
    label: argument,
    budgetMs: BUDGET_MS.module,
    async deliver(text) {
      let message: unknown
      try {
        message = parseMessageText(text)
      } catch {
        return { kind: 'decode', latencyMs: 0, unsent: true, reason: 'not JSON: a direct invocation always carries a JSON message' }
      }
      const context = fakeLambdaContext({ timeoutMs: options.timeoutMs ?? 30_000, functionName: 'firehose-cli' })
      const started = performance.now()
      const run = async (): Promise<Omit<Delivery, 'latencyMs' | 'calls'>> => {
        try {
          const response = await handler(message, context)
          return { kind: kindOfResponse(response), response }
        } catch (error) {
          return kindOfRejection(error)
        }
      }
      const { value, calls } = await withLogs(() => recordPartnerCalls(run, { mock: options.mockPartner === true }))
      return { ...value, latencyMs: elapsed(started), calls }
    },
  }
}

/** A URL (`http://`, `https://`) is POSTed to; anything else is a module whose handler is invoked directly, as Lambda would. */
export const createTarget = (to: string, io: CliIo, options: TargetOptions = {}): Promise<Target> =>
  isUrl(to) ? Promise.resolve(httpTarget(to, options)) : moduleTarget(to, io, options)

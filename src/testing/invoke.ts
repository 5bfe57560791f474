import { parseMessageText } from '../schema/exact.js'
import type { Context } from 'aws-lambda'
import { FirehoseError, isFirehoseError } from '../errors.js'
import { fakeLambdaContext } from '../transports/lambda-context.js'
import { httpEventFor, type BuildHttpEventOptions, type HttpVia } from './http-events.js'
import type { RecordedRequest } from './recording-fetch.js'

/** Anything that keeps its log lines, like `memoryLogger()`. */
export interface CapturingLogger {
  readonly lines: ReadonlyArray<string>
}
/** Anything that keeps the calls it made, like `recordingFetch()`. */
export interface CapturingFetch {
  readonly requests: ReadonlyArray<RecordedRequest>
}

/**
 * The fake Lambda context's budget when a test sets none: generous, so that a busy machine never
 * turns a test into a deadline test. A test about deadlines sets `timeoutMs` itself.
 */
export const DEFAULT_INVOKE_TIMEOUT_MS = 30_000

export interface InvokeOptions extends BuildHttpEventOptions {
  /** `direct` (default) invokes with the raw message, as mParticle's Lambda delivery does. */
  readonly via?: 'direct' | HttpVia
  /** The fake Lambda context's time budget (default `DEFAULT_INVOKE_TIMEOUT_MS`, 30 s; Lambda's own default is 3 s). */
  readonly timeoutMs?: number
  readonly context?: Context
  /** The `memoryLogger()` the handler was built with: the result then carries the lines this invocation logged. */
  readonly logger?: CapturingLogger
  /** The `recordingFetch()` the handler's HTTP client uses: the result then carries the calls this invocation made. */
  readonly fetch?: CapturingFetch
}

/** What the handler did besides answering (present when the matching option was given). */
export interface Effects {
  /** Log records (parsed JSON lines) written during this invocation. */
  readonly logs?: ReadonlyArray<Record<string, unknown>>
  /** Outgoing calls made during this invocation. */
  readonly calls?: ReadonlyArray<RecordedRequest>
}

/** What a direct invocation gave back: the resolved response, or the FirehoseError it rejected with. */
export type DirectResult = Effects &
  (
    | { readonly ok: true; readonly response: Record<string, unknown> }
    | {
        readonly ok: false
        readonly error: FirehoseError
        /** The value the handler really rejected with (`error` wraps it when it was not a FirehoseError). */
        readonly rejectedWith: unknown
      }
  )

/** What an HTTP invocation answered. `json` is the parsed body. */
export interface HttpInvokeResult extends Effects {
  readonly ok: boolean
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly json: any
}

type Handler = (event: any, context: Context) => Promise<unknown>

const parseLine = (line: string): Record<string, unknown> => {
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    return { message: line }
  }
}

/** Marks where the captured logs and calls stand, to hand back only what this invocation added. */
const watch = (options: InvokeOptions) => {
  const lines = options.logger?.lines.length ?? 0
  const calls = options.fetch?.requests.length ?? 0
  return (): Effects => ({
    ...(options.logger ? { logs: options.logger.lines.slice(lines).map(parseLine) } : {}),
    ...(options.fetch ? { calls: options.fetch.requests.slice(calls) } : {}),
  })
}

const rejection = (error: unknown): FirehoseError =>
  isFirehoseError(error) ? error : new FirehoseError('retryable', `handler rejected with ${(error as Error)?.name ?? typeof error}`)

/**
 * Runs a handler as Lambda would: with the raw message (direct) or as an API Gateway / function URL
 * event, and a fake Lambda context whose deadline can be set. Never throws for a handler's failure.
 * Pass the handler's `memoryLogger()` and `recordingFetch()` to also get what it logged and called.
 */
export async function invoke(handler: Handler, message: unknown, options?: InvokeOptions & { via?: 'direct' }): Promise<DirectResult>
export async function invoke(handler: Handler, message: unknown, options: InvokeOptions & { via: HttpVia }): Promise<HttpInvokeResult>
export async function invoke(handler: Handler, message: unknown, options: InvokeOptions = {}): Promise<DirectResult | HttpInvokeResult> {
  const context = options.context ?? fakeLambdaContext({ timeoutMs: options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS })
  const via = options.via ?? 'direct'
  const effects = watch(options)
  if (via === 'direct') {
    try {
      const response = (await handler(message, context)) as Record<string, unknown>
      return { ok: true, response, ...effects() }
    } catch (error) {
      return { ok: false, error: rejection(error), rejectedWith: error, ...effects() }
    }
  }
  const answer = (await handler(httpEventFor(message, via, options), context)) as { statusCode: number; headers?: Record<string, string>; body?: string }
  const text = answer.body ?? ''
  let json: unknown
  try {
    json = text === '' ? undefined : parseMessageText(text)
  } catch {
    json = text
  }
  return { ok: answer.statusCode >= 200 && answer.statusCode < 300, status: answer.statusCode, headers: answer.headers ?? {}, json, ...effects() }
}

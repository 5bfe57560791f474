import type { Context } from 'aws-lambda'
import { FirehoseError, isFirehoseError } from '../errors.js'
import { fakeLambdaContext } from '../transports/lambda-context.js'
import { httpEventFor, type HttpEventOptions, type HttpVia } from './http-events.js'

export interface InvokeOptions extends HttpEventOptions {
  /** `direct` (default) invokes with the raw message, as mParticle's Lambda delivery does. */
  readonly via?: 'direct' | HttpVia
  /** The fake Lambda context's time budget (default 3000 ms). */
  readonly timeoutMs?: number
  readonly context?: Context
}

/** What a direct invocation gave back: the resolved response, or the FirehoseError it rejected with. */
export type DirectResult =
  | { readonly ok: true; readonly response: Record<string, unknown> }
  | { readonly ok: false; readonly error: FirehoseError }

/** What an HTTP invocation answered. `json` is the parsed body. */
export interface HttpResult {
  readonly ok: boolean
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly json: any
}

type Handler = (event: any, context: Context) => Promise<unknown>

/**
 * Runs a handler as Lambda would: with the raw message (direct) or as an API Gateway / function URL
 * event, and a fake Lambda context whose deadline can be set. Never throws for a handler's failure.
 */
export async function invoke(handler: Handler, message: unknown, options?: InvokeOptions & { via?: 'direct' }): Promise<DirectResult>
export async function invoke(handler: Handler, message: unknown, options: InvokeOptions & { via: HttpVia }): Promise<HttpResult>
export async function invoke(handler: Handler, message: unknown, options: InvokeOptions = {}): Promise<DirectResult | HttpResult> {
  const context = options.context ?? fakeLambdaContext({ timeoutMs: options.timeoutMs })
  const via = options.via ?? 'direct'
  if (via === 'direct') {
    try {
      return { ok: true, response: (await handler(message, context)) as Record<string, unknown> }
    } catch (error) {
      return { ok: false, error: isFirehoseError(error) ? error : new FirehoseError('retryable', `handler rejected with ${(error as Error)?.name ?? typeof error}`) }
    }
  }
  const answer = (await handler(httpEventFor(message, via, options), context)) as { statusCode: number; headers?: Record<string, string>; body?: string }
  const text = answer.body ?? ''
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = text
  }
  return { ok: answer.statusCode >= 200 && answer.statusCode < 300, status: answer.statusCode, headers: answer.headers ?? {}, json }
}

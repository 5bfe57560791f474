import { networkErrorOf, type NetworkError } from './network-error.js'
import { parseJson } from './request-parts.js'
import type { HttpResponse } from './http-types.js'

export type AttemptResult = { readonly response: HttpResponse } | { readonly error: NetworkError }

export interface AttemptInput {
  readonly fetch: typeof globalThis.fetch
  readonly url: URL
  readonly init: RequestInit
  /** Finite; the attempt is abandoned as a timeout after this long, body included. */
  readonly timeoutMs: number
  /** The invocation's signal; aborting it abandons the attempt as `aborted`. */
  readonly signal?: AbortSignal
}

const MAX_TIMER_MS = 2_147_483_647

/**
 * The attempts in flight per invocation signal, stopped together when it aborts: one listener per
 * signal instead of an add and a remove per attempt (Node's EventTarget makes those cost about as
 * much as the rest of an attempt to a partner that answers at once).
 */
const inFlight = new WeakMap<AbortSignal, Set<() => void>>()

const watch = (signal: AbortSignal, onAbort: () => void): (() => void) => {
  let attempts = inFlight.get(signal)
  if (attempts === undefined) {
    const watched = (attempts = new Set())
    inFlight.set(signal, watched)
    signal.addEventListener(
      'abort',
      () => {
        for (const stop of watched) stop()
        watched.clear()
      },
      { once: true },
    )
  }
  attempts.add(onAbort)
  return () => attempts.delete(onAbort)
}

/**
 * One fetch, body read included, bounded by its own timer and the invocation's signal. The race
 * makes the bound hold even for an injected fetch that ignores its signal.
 */
export const attempt = async (input: AttemptInput): Promise<AttemptResult> => {
  const controller = new AbortController()
  let stoppedBy: 'timeout' | 'aborted' | undefined
  let rejectStop: (reason: unknown) => void = () => {}
  const stopped = new Promise<never>((_, reject) => {
    rejectStop = reject
  })
  stopped.catch(() => {})
  const stop = (why: 'timeout' | 'aborted'): void => {
    if (stoppedBy !== undefined) return
    stoppedBy = why
    controller.abort()
    rejectStop(new Error(why))
  }
  const timer = setTimeout(() => stop('timeout'), Math.max(0, Math.min(input.timeoutMs, MAX_TIMER_MS)))
  const onAbort = (): void => stop('aborted')
  const unwatch = input.signal === undefined ? undefined : watch(input.signal, onAbort)
  if (input.signal?.aborted) onAbort()
  try {
    const call = (async (): Promise<HttpResponse> => {
      const res = await input.fetch(input.url, { ...input.init, signal: controller.signal })
      const text = await res.text()
      const headers: Record<string, string> = {}
      res.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value
      })
      return { status: res.status, headers, text, json: parseJson(text) }
    })()
    call.catch(() => {})
    return { response: await Promise.race([call, stopped]) }
  } catch (err) {
    if (stoppedBy === 'timeout') return { error: { kind: 'timeout' } }
    if (stoppedBy === 'aborted') return { error: { kind: 'aborted' } }
    return { error: networkErrorOf(err) }
  } finally {
    clearTimeout(timer)
    unwatch?.()
  }
}

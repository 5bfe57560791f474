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

/** The fetch and its body, read into the client's response shape. */
const fetchAnswer = async (input: AttemptInput, signal: AbortSignal): Promise<HttpResponse> => {
  const res = await input.fetch(input.url, { ...input.init, signal })
  const text = await res.text()
  const headers: Record<string, string> = {}
  res.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value
  })
  return { status: res.status, headers, text, json: parseJson(text) }
}

/**
 * One fetch, body read included, bounded by its own timer and the invocation's signal. The bound
 * holds even for an injected fetch that ignores its signal: the attempt settles on whichever comes
 * first (the answer, its failure, the timer, the signal) and ignores the rest.
 *
 * One promise settled by hand rather than an async function racing a "stopped" promise: a call to
 * a partner costs one attempt at least, and the race's promises, reactions and closures were about
 * a fifth of what a delivered call allocated (about 2 KB), and much of a cold start's first message.
 */
export const attempt = (input: AttemptInput): Promise<AttemptResult> =>
  new Promise((resolve) => {
    const controller = new AbortController()
    let settled = false
    let unwatch: (() => void) | undefined
    const settle = (result: AttemptResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      unwatch?.()
      resolve(result)
    }
    const stop = (kind: 'timeout' | 'aborted'): void => {
      if (settled) return
      controller.abort()
      settle({ error: { kind } })
    }
    const timer = setTimeout(stop, Math.max(0, Math.min(input.timeoutMs, MAX_TIMER_MS)), 'timeout')
    if (input.signal !== undefined) {
      const onAbort = (): void => stop('aborted')
      unwatch = watch(input.signal, onAbort)
      if (input.signal.aborted) onAbort()
    }
    // An async function: whatever the fetch throws, even synchronously, arrives as a rejection.
    fetchAnswer(input, controller.signal).then(
      (response) => settle({ response }),
      (err: unknown) => settle({ error: networkErrorOf(err) }),
    )
  })

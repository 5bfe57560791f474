import { DEFAULTS } from './defaults.js'

/** An AbortSignal that fires `marginMs` before the Lambda deadline, or when the budget runs out. */
export interface Deadline {
  readonly signal: AbortSignal
  /**
   * Milliseconds left before the deadline the signal keeps its margin from (the Lambda deadline, or
   * the budget plus the margin): what the HTTP client's `remainingMs` expects. The client keeps its
   * own margin from it; handing it the time before the signal would count the margin twice.
   */
  readonly remainingMs: () => number
  readonly dispose: () => void
}

interface LambdaLike {
  readonly getRemainingTimeInMillis?: () => number
}

export const deadlineFor = (context: unknown, options: { readonly budgetMs?: number; readonly marginMs?: number; readonly now?: () => number } = {}): Deadline => {
  const now = options.now ?? Date.now
  const controller = new AbortController()
  const remaining = (context as LambdaLike | undefined)?.getRemainingTimeInMillis?.()
  const marginMs = options.marginMs ?? DEFAULTS.deadlineMarginMs
  const candidates = [remaining === undefined ? Infinity : remaining - marginMs, options.budgetMs ?? Infinity]
  const windowMs = Math.max(0, Math.min(...candidates))
  const startedAt = now()
  let timer: NodeJS.Timeout | undefined
  if (windowMs !== Infinity) {
    timer = setTimeout(() => controller.abort(new DOMException('deadline reached', 'TimeoutError')), windowMs)
    timer.unref?.()
  }
  return {
    signal: controller.signal,
    remainingMs: () => (windowMs === Infinity ? Infinity : Math.max(0, windowMs + marginMs - (now() - startedAt))),
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer)
    },
  }
}

const isPromise = <A>(value: A | Promise<A>): value is Promise<A> => value instanceof Promise

/**
 * What a handler's result races against: one promise per message that settles `graceMs` after the
 * signal fires. A synchronous result needs no race; an asynchronous one costs a single reaction,
 * not a listener on the signal per call.
 */
export const expiryOf = (signal: AbortSignal, graceMs: number = DEFAULTS.handlerGraceMs): Promise<void> =>
  new Promise<void>((resolve) => {
    const start = (): void => void setTimeout(resolve, graceMs).unref?.()
    if (signal.aborted) start()
    else signal.addEventListener('abort', start, { once: true })
  })

/** `result` itself when it is already there; otherwise whichever comes first of it and `expiry`. */
export const raceDeadline = <A>(result: A | Promise<A>, expiry: Promise<void>, onExpire: () => A): A | Promise<A> =>
  isPromise(result) ? Promise.race([result, expiry.then(onExpire)]) : result

import { DEFAULTS } from './defaults.js'

/**
 * One message's deadline: `marginMs` before the Lambda deadline, or when the budget runs out.
 *
 * It is a timestamp compared on demand. The `AbortSignal` (and its timer) is made only when something
 * reads `signal` (a handler's `ctx.signal`, a partner call), and the promise a late handler races
 * against only when a handler answers asynchronously: a message of pure, synchronous handlers pays
 * for neither (an AbortController and its listener cost about 5 µs, most of a one-event message).
 */
export interface Deadline {
  /** Fires at the deadline; made on first read. */
  readonly signal: AbortSignal
  /**
   * Milliseconds left before the deadline the signal keeps its margin from (the Lambda deadline, or
   * the budget plus the margin): what the HTTP client's `remainingMs` expects. The client keeps its
   * own margin from it; handing it the time before the signal would count the margin twice.
   */
  readonly remainingMs: () => number
  /** Whether the deadline has passed (`signal.aborted`, without making the signal). */
  readonly expired: () => boolean
  /** Settles `graceMs` after the deadline: what a handler that ignores the signal races against. Made on first call. */
  readonly expiry: () => Promise<void>
  readonly dispose: () => void
}

interface LambdaLike {
  readonly getRemainingTimeInMillis?: () => number
}

export const deadlineFor = (
  context: unknown,
  options: { readonly budgetMs?: number; readonly marginMs?: number; readonly graceMs?: number; readonly now?: () => number } = {},
): Deadline => {
  const now = options.now ?? Date.now
  const remaining = (context as LambdaLike | undefined)?.getRemainingTimeInMillis?.()
  const marginMs = options.marginMs ?? DEFAULTS.deadlineMarginMs
  const graceMs = options.graceMs ?? DEFAULTS.handlerGraceMs
  const windowMs = Math.max(0, Math.min(remaining === undefined ? Infinity : remaining - marginMs, options.budgetMs ?? Infinity))
  const startedAt = now()
  // The clock `now` may be a test's fixed clock; when the deadline passes is measured in real time.
  const startedReal = performance.now()
  const leftMs = (): number => Math.max(0, windowMs - (performance.now() - startedReal))
  let controller: AbortController | undefined
  let timer: NodeJS.Timeout | undefined
  let expiry: Promise<void> | undefined
  let expiryTimer: NodeJS.Timeout | undefined
  let disposed = false
  return {
    get signal(): AbortSignal {
      if (controller === undefined) {
        controller = new AbortController()
        if (windowMs !== Infinity && !disposed) {
          const abort = (): void => controller!.abort(new DOMException('deadline reached', 'TimeoutError'))
          const left = leftMs()
          if (left === 0) abort()
          else {
            timer = setTimeout(abort, left)
            timer.unref?.()
          }
        }
      }
      return controller.signal
    },
    remainingMs: () => (windowMs === Infinity ? Infinity : Math.max(0, windowMs + marginMs - (now() - startedAt))),
    expired: () => controller?.signal.aborted === true || (windowMs !== Infinity && leftMs() === 0),
    expiry: () =>
      (expiry ??= new Promise<void>((resolve) => {
        // Never settles without a deadline, or once the message is done (as a signal whose timer was cleared).
        if (windowMs === Infinity || disposed) return
        expiryTimer = setTimeout(resolve, leftMs() + graceMs)
        expiryTimer.unref?.()
      })),
    dispose: () => {
      disposed = true
      if (timer !== undefined) clearTimeout(timer)
      if (expiryTimer !== undefined) clearTimeout(expiryTimer)
    },
  }
}

const isPromise = <A>(value: A | Promise<A>): value is Promise<A> => value instanceof Promise

/** `result` itself when it is already there; otherwise whichever comes first of it and `expiry()`. */
export const raceDeadline = <A>(result: A | Promise<A>, expiry: () => Promise<void>, onExpire: () => A): A | Promise<A> =>
  isPromise(result) ? Promise.race([result, expiry().then(onExpire)]) : result

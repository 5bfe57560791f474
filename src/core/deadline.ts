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
  /** Whether the deadline has passed (`signal.aborted`, without making the signal). A method: call it on the deadline. */
  expired(): boolean
  /**
   * The clock reading (`Date.now()`) the last `expired()` took, undefined while none did (without a
   * deadline, `expired()` reads no clock): a caller that has just been told the deadline has not
   * passed may hand it on instead of reading the clock again (see `memoryStore`'s claim).
   */
  readonly checkedAt: number | undefined
  /**
   * `expired()` as the last one answered, without a new clock read (the signal, if made, is asked
   * again): for a caller that knows that check was taken just before, with nothing run since (see
   * `Checkpoints.settle`). False while no `expired()` read the clock.
   */
  expiredWhenChecked(): boolean
  /** Settles `graceMs` after the deadline: what a handler that ignores the signal races against. Made on first call. */
  expiry(): Promise<void>
  /** Settles `graceMs` after the deadline (a new promise each call; `expiry()` is the shared one). */
  expiryAfter(graceMs: number): Promise<void>
  readonly dispose: () => void
}

interface LambdaLike {
  readonly getRemainingTimeInMillis?: () => number
}

/**
 * A class, not an object literal with a `get signal()`: a getter written in a literal is a new
 * function per object, which gives every object its own hidden class, and those (old-generation)
 * hidden classes keep each message's young objects alive until a full GC.
 */
class TimestampDeadline implements Deadline {
  private controller: AbortController | undefined
  private timer: NodeJS.Timeout | undefined
  private expiryPromise: Promise<void> | undefined
  private readonly expiryTimers: NodeJS.Timeout[] = []
  private disposed = false
  // The clock `now` may be a test's fixed clock; when the deadline passes is measured in real time
  // (Date.now, as the timers are: fake timers move both).
  private readonly startedReal = Date.now()
  private readonly startedAt: number
  /** When the deadline passes, in real time (Infinity without one): `expired()` compares the clock with it and computes nothing else. */
  private readonly endsAt: number

  constructor(
    private readonly windowMs: number,
    private readonly marginMs: number,
    private readonly graceMs: number,
    private readonly now: () => number,
  ) {
    // The default clock is the real one: one read serves both.
    this.startedAt = now === Date.now ? this.startedReal : now()
    this.endsAt = this.startedReal + windowMs
  }

  private leftMs(): number {
    return Math.max(0, this.endsAt - Date.now())
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = (this.controller = new AbortController())
      if (this.windowMs !== Infinity && !this.disposed) {
        const abort = (): void => controller.abort(new DOMException('deadline reached', 'TimeoutError'))
        const left = this.leftMs()
        if (left === 0) abort()
        else {
          this.timer = setTimeout(abort, left)
          this.timer.unref?.()
        }
      }
    }
    return this.controller.signal
  }

  readonly remainingMs = (): number => (this.windowMs === Infinity ? Infinity : Math.max(0, this.windowMs + this.marginMs - (this.now() - this.startedAt)))

  checkedAt: number | undefined = undefined

  expired(): boolean {
    // Asked once per item: one clock read, no arithmetic (the signal, when made, may have fired first).
    if (this.controller !== undefined && this.controller.signal.aborted) return true
    return this.endsAt !== Infinity && (this.checkedAt = Date.now()) >= this.endsAt
  }

  expiredWhenChecked(): boolean {
    if (this.controller !== undefined && this.controller.signal.aborted) return true
    return this.checkedAt !== undefined && this.checkedAt >= this.endsAt
  }

  expiry(): Promise<void> {
    return (this.expiryPromise ??= this.expiryAfter(this.graceMs))
  }

  expiryAfter(graceMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      // Never settles without a deadline, or once the message is done (as a signal whose timer was cleared).
      if (this.windowMs === Infinity || this.disposed) return
      const timer = setTimeout(resolve, this.leftMs() + graceMs)
      timer.unref?.()
      this.expiryTimers.push(timer)
    })
  }

  readonly dispose = (): void => {
    this.disposed = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    for (const timer of this.expiryTimers) clearTimeout(timer)
  }
}

export const deadlineFor = (
  context: unknown,
  options: { readonly budgetMs?: number; readonly marginMs?: number; readonly graceMs?: number; readonly now?: () => number } = {},
): Deadline => {
  const remaining = (context as LambdaLike | undefined)?.getRemainingTimeInMillis?.()
  const marginMs = options.marginMs ?? DEFAULTS.deadlineMarginMs
  const windowMs = Math.max(0, Math.min(remaining === undefined ? Infinity : remaining - marginMs, options.budgetMs ?? Infinity))
  return new TimestampDeadline(windowMs, marginMs, options.graceMs ?? DEFAULTS.handlerGraceMs, options.now ?? Date.now)
}

const isPromise = <A>(value: A | Promise<A>): value is Promise<A> => value instanceof Promise

/** `result` itself when it is already there; otherwise whichever comes first of it and `expiry()`. */
export const raceDeadline = <A>(result: A | Promise<A>, expiry: () => Promise<void>, onExpire: () => A): A | Promise<A> =>
  isPromise(result) ? Promise.race([result, expiry().then(onExpire)]) : result

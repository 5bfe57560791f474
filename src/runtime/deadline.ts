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
  const marginMs = options.marginMs ?? 250
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

/** Resolves with `promise`, or with `onAbort()` once the signal fires and `graceMs` more have passed. */
export const raceDeadline = <A>(promise: Promise<A>, signal: AbortSignal, onAbort: () => A, graceMs = 50): Promise<A> => {
  if (signal.aborted) return Promise.race([promise, new Promise<A>((resolve) => setTimeout(() => resolve(onAbort()), graceMs).unref?.())])
  return new Promise<A>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    const onSignal = (): void => {
      timer = setTimeout(() => resolve(onAbort()), graceMs)
    }
    signal.addEventListener('abort', onSignal, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onSignal)
        if (timer !== undefined) clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onSignal)
        if (timer !== undefined) clearTimeout(timer)
        reject(error)
      },
    )
  })
}

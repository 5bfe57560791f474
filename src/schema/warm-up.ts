/**
 * How many calls a function answers in its plain form before its fast form is made. Making a fast
 * form costs at the start: a `new Function` about 100 µs to build and compile, and a hot character
 * loop a turn of V8's optimising compiler (about 2.5 ms for the UUID test), which a cold start's
 * first message would pay to use a few dozen times. A process that keeps receiving messages reaches
 * the count within its first few.
 */
export const WARM_UP_CALLS = 256

/**
 * `plain` for a function's first `WARM_UP_CALLS` calls, then the function `fast()` makes (made once,
 * and handed to `made`, for a caller that puts it in the wrapper's place). Both must answer alike.
 */
export const afterWarmUp = <A, R>(plain: (a: A) => R, fast: () => (a: A) => R, made?: (f: (a: A) => R) => void): ((a: A) => R) => {
  let ready: ((a: A) => R) | undefined
  let calls = 0
  return (a) => {
    if (ready !== undefined) return ready(a)
    if (++calls < WARM_UP_CALLS) return plain(a)
    ready = fast()
    made?.(ready)
    return ready(a)
  }
}

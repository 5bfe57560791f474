/** A value now, or later: the hot path stays synchronous while every step answers synchronously. */
export type MaybePromise<A> = A | Promise<A>

/** `next(value)`, at once for a plain value, after it settles for a Promise. */
export const andThen = <A, B>(value: MaybePromise<A>, next: (a: A) => MaybePromise<B>): MaybePromise<B> => (value instanceof Promise ? value.then(next) : next(value))

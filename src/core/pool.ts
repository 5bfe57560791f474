/**
 * Runs `run` over `items` with at most `limit` calls in flight, in order of start, and resolves
 * with the results in the order of `items`. `stopped()` is asked before each new item starts:
 * items not started are left `undefined` in the result.
 */
export const mapPool = async <T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  run: (item: T, index: number) => Promise<R> | R,
  stopped: () => boolean = () => false,
): Promise<Array<R | undefined>> => {
  const results: Array<R | undefined> = new Array(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length && !stopped()) {
      const index = next++
      const value = run(items[index]!, index)
      results[index] = value instanceof Promise ? await value : value
    }
  }
  const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, items.length))
  await Promise.all(Array.from({ length: lanes }, lane))
  return results
}

/** Like `mapPool`, but every item runs and each one's settlement is kept: a rejection does not stop the others. */
export const settlePool = <T, R>(items: ReadonlyArray<T>, limit: number, run: (item: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> =>
  mapPool(items, limit, (item, index) =>
    run(item, index).then(
      (value): PromiseSettledResult<R> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<R> => ({ status: 'rejected', reason }),
    ),
  ) as Promise<PromiseSettledResult<R>[]>

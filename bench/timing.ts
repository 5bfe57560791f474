/** Median microseconds per call, over 5 ms rounds repeated for at least `minMs`, after a warm-up. */
const median = async (round: () => Promise<number> | number, minMs: number): Promise<number> => {
  const samples: number[] = []
  const deadline = performance.now() + minMs
  while (performance.now() < deadline || samples.length < 15) samples.push(await round())
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

/** For synchronous work: no promise between calls to blur microsecond timings. */
export const timeUs = (fn: () => unknown, minMs = 250): Promise<number> => {
  for (let i = 0; i < 50; i++) fn()
  return median(() => {
    const start = performance.now()
    let calls = 0
    do {
      fn()
      calls++
    } while (performance.now() - start < 5)
    return ((performance.now() - start) * 1000) / calls
  }, minMs)
}

export const timeAsyncUs = async (fn: () => Promise<unknown>, minMs = 400): Promise<number> => {
  for (let i = 0; i < 50; i++) await fn()
  return median(async () => {
    const start = performance.now()
    let calls = 0
    do {
      await fn()
      calls++
    } while (performance.now() - start < 5)
    return ((performance.now() - start) * 1000) / calls
  }, minMs)
}

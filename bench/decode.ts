import { EVENT_TYPES, decodeMessage } from '../src/schema/index.js'
import { sampleBatch } from './sample-events.js'

export interface BenchRow {
  readonly name: string
  readonly bytes: number
  readonly baselineUs: number
  readonly subjectUs: number
  readonly ratio: number
}

/** Median microseconds per call of `fn`, over rounds long enough to swamp timer noise. */
export const timeUs = (fn: () => unknown, minMs = 250): number => {
  for (let i = 0; i < 50; i++) fn() // warm-up
  const samples: number[] = []
  const deadline = performance.now() + minMs
  while (performance.now() < deadline || samples.length < 15) {
    const start = performance.now()
    let calls = 0
    do {
      fn()
      calls++
    } while (performance.now() - start < 5)
    samples.push(((performance.now() - start) * 1000) / calls)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

/**
 * `decodeMessage` (lenient, the runtime's mode) on event batches of 1, 100 and 1,000 events, all
 * 16 event types mixed, against `JSON.parse` of the same text in the same run. The decode input
 * is a value `JSON.parse` produced, as in the runtime.
 */
export const decodeBench = (sizes: ReadonlyArray<number> = [1, 100, 1000]): BenchRow[] =>
  sizes.map((size) => {
    const text = JSON.stringify(sampleBatch(size, EVENT_TYPES))
    const value: unknown = JSON.parse(text)
    const check = decodeMessage(value)
    if (check._tag === 'Left' || check.right.problems.length > 0) throw new Error('bench batch does not decode cleanly')
    const baselineUs = timeUs(() => JSON.parse(text))
    const subjectUs = timeUs(() => decodeMessage(value))
    return { name: `decodeMessage, ${size} event${size === 1 ? '' : 's'}`, bytes: text.length, baselineUs, subjectUs, ratio: subjectUs / baselineUs }
  })

import { EVENT_TYPES, decodeMessage } from '../src/schema/index.js'
import { sampleBatch } from './sample-events.js'
import { timeUs } from './timing.js'

export interface BenchRow {
  readonly name: string
  readonly bytes: number
  readonly baselineUs: number
  readonly subjectUs: number
  readonly ratio: number
}

/**
 * `decodeMessage` (lenient, the runtime's mode) on event batches of 1, 100 and 1,000 events, all
 * 16 event types mixed, against `JSON.parse` of the same text in the same run. The decode input
 * is a value `JSON.parse` produced, as in the runtime.
 */
export const decodeBench = async (sizes: ReadonlyArray<number> = [1, 100, 1000]): Promise<BenchRow[]> => {
  const rows: BenchRow[] = []
  for (const size of sizes) {
    const text = JSON.stringify(sampleBatch(size, EVENT_TYPES))
    const value: unknown = JSON.parse(text)
    const check = decodeMessage(value)
    if (check._tag === 'Left' || check.right.problems.length > 0) throw new Error('bench batch does not decode cleanly')
    const baselineUs = await timeUs(() => JSON.parse(text))
    const subjectUs = await timeUs(() => decodeMessage(value))
    rows.push({ name: `decodeMessage, ${size} event${size === 1 ? '' : 's'}`, bytes: text.length, baselineUs, subjectUs, ratio: subjectUs / baselineUs })
  }
  return rows
}

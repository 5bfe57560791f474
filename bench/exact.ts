import { EVENT_TYPES, encodeMessage, decodeMessage, parseMessageText, stringifyMessage } from '../src/schema/index.js'
import { sampleBatch } from './sample-events.js'

/**
 * Median over interleaved rounds of the ratio subject/baseline (each round times both for ~5 ms,
 * back to back), so a busy shared machine slows both sides of a ratio alike.
 */
const pairedRatio = (baseline: () => unknown, subject: () => unknown, rounds: number): { baselineUs: number; ratio: number } => {
  const round = (fn: () => unknown): number => {
    const start = performance.now()
    let calls = 0
    do {
      fn()
      calls++
    } while (performance.now() - start < 5)
    return ((performance.now() - start) * 1000) / calls
  }
  for (let i = 0; i < 20; i++) {
    baseline()
    subject()
  }
  const ratios: number[] = []
  const baselines: number[] = []
  for (let i = 0; i < rounds; i++) {
    const b = round(baseline)
    const s = round(subject)
    baselines.push(b)
    ratios.push(s / b)
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  return { baselineUs: median(baselines), ratio: median(ratios) }
}

/**
 * The cost of exact 64-bit integers (issue 12): `parseMessageText` against `JSON.parse` of the same
 * text, and `stringifyMessage` against `JSON.stringify` of the same encoded message, on batches of
 * 100 and 10,000 events of all 16 types. "small ids": every integer fits a double (the scan finds
 * no run of 16 digits); "64-bit ids": every event's `session_id` is beyond 2^53 (the
 * worst case: every event needs quoting). Run: `npx tsx bench/exact.ts`.
 */
const withSessionIds = (batch: Record<string, unknown>, big: boolean): Record<string, unknown> => ({
  ...batch,
  events: (batch.events as Record<string, unknown>[]).map((event, i) => ({ ...event, session_id: big ? `${1250698897592480939n + BigInt(i)}` : 123456789 + i })),
})

const main = async (): Promise<void> => {
  console.log(`node ${process.version}`)
  for (const size of [100, 10_000]) {
    for (const big of [false, true]) {
      const batch = withSessionIds(sampleBatch(size, EVENT_TYPES), big)
      const text = stringifyMessage(batch)
      const decoded = decodeMessage(parseMessageText(text), { mode: 'strict' })
      if (decoded._tag === 'Left' || decoded.right.problems.length > 0) throw new Error('bench batch does not decode cleanly')
      if (big && !text.includes('"session_id":1250698897592480939')) throw new Error('ids not written exactly')
      const encoded = encodeMessage(decoded.right.message)
      const rounds = size > 1000 ? 41 : 201
      const parse = pairedRatio(
        () => JSON.parse(text),
        () => parseMessageText(text),
        rounds,
      )
      const write = pairedRatio(
        () => JSON.stringify(encoded),
        () => stringifyMessage(encoded),
        rounds,
      )
      const label = `${size} events, ${big ? '64-bit ids' : 'small ids '} (${(text.length / 1024).toFixed(0)} KiB)`
      console.log(
        `${label}: parseMessageText ${parse.ratio.toFixed(2)}x JSON.parse (${parse.baselineUs.toFixed(0)} µs); ` +
          `stringifyMessage ${write.ratio.toFixed(2)}x JSON.stringify (${write.baselineUs.toFixed(0)} µs)`,
      )
    }
  }
}

void main()

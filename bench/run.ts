import { decodeBench, type BenchRow } from './decode.js'

/** Each bench returns rows comparing a subject with a baseline measured in the same run. */
const benches: ReadonlyArray<{ readonly title: string; readonly run: () => BenchRow[]; readonly target?: (rows: BenchRow[]) => string }> = [
  {
    title: 'decode vs JSON.parse of the same text',
    run: () => decodeBench(),
    target: (rows) => {
      const row = rows.find((r) => r.name.includes(' 100 '))
      return row === undefined ? '' : `target: decode <= 0.5x JSON.parse at 100 events: ${row.ratio <= 0.5 ? 'met' : 'NOT met'} (${row.ratio.toFixed(2)}x)`
    },
  },
]

const fmt = (us: number): string => (us < 1000 ? `${us.toFixed(1)} µs` : `${(us / 1000).toFixed(2)} ms`)

console.log(`node ${process.version}`)
for (const bench of benches) {
  console.log(`\n${bench.title}`)
  const rows = bench.run()
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(32)} ${String(row.bytes).padStart(8)} B   baseline ${fmt(row.baselineUs).padStart(10)}   subject ${fmt(row.subjectUs).padStart(10)}   ratio ${row.ratio.toFixed(2)}x`,
    )
  }
  if (bench.target) console.log(`  ${bench.target(rows)}`)
}

import { decodeBench, type BenchRow } from './decode.js'
import { coldStartBench } from './cold-start.js'
import { httpBench } from './http.js'
import { pipelineBench } from './pipeline.js'

/** Each bench compares a subject with a baseline (the floor) measured in the same run. */
const benches: ReadonlyArray<{ readonly title: string; readonly run: () => BenchRow[] | Promise<BenchRow[]>; readonly target?: (rows: BenchRow[]) => string }> = [
  {
    title: 'decode vs JSON.parse of the same text',
    run: () => decodeBench(),
    target: (rows) => {
      const row = rows.find((r) => r.name.includes(' 100 '))
      return row === undefined ? '' : `target: decode <= 0.5x JSON.parse at 100 events: ${row.ratio <= 0.5 ? 'met' : 'NOT met'} (${row.ratio.toFixed(2)}x)`
    },
  },
  {
    title: 'whole pipeline (JSON.parse + firehose() + JSON.stringify) vs JSON.parse of the same text',
    run: () => pipelineBench(),
  },
]

const fmt = (us: number): string => (us < 1000 ? `${us.toFixed(1)} µs` : `${(us / 1000).toFixed(2)} ms`)

const main = async (): Promise<void> => {
  const only = process.argv[2]
  console.log(`node ${process.version}`)
  for (const bench of benches) {
    if (only === 'http') break
    console.log(`\n${bench.title}`)
    const rows = await bench.run()
    for (const row of rows) {
      console.log(
        `  ${row.name.padEnd(34)} ${String(row.bytes).padStart(8)} B   baseline ${fmt(row.baselineUs).padStart(10)}   subject ${fmt(row.subjectUs).padStart(10)}   ratio ${row.ratio.toFixed(2)}x`,
      )
    }
    if (bench.target) console.log(`  ${bench.target(rows)}`)
  }
  if (only === 'quick') return
  console.log('\ncold start: a fresh process per run (median of 11)')
  const cold = await coldStartBench()
  for (const row of cold.rows) console.log(`  ${row.name.padEnd(40)} ${row.wallMs.toFixed(1).padStart(7)} ms   peak RSS ${row.rssMb.toFixed(1)} MB`)
  console.log(`  ratio: ${(cold.rows[1].wallMs / cold.rows[0].wallMs).toFixed(2)}x the bare process; bundle ${(cold.bundleBytes / 1024).toFixed(0)} KB, zip ${(cold.zipBytes / 1024).toFixed(0)} KB`)
  console.log('\nHTTP on loopback, 100-event batch (autocannon, same run)')
  const rows = await httpBench()
  for (const row of rows) {
    console.log(`  ${row.name.padEnd(40)} ${row.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${row.p50Ms} ms   p99 ${row.p99Ms} ms   non-2xx ${row.non2xx}`)
  }
  console.log(`  ratio: ${(rows[1].requestsPerSecond / rows[0].requestsPerSecond).toFixed(2)}x the bare server's throughput`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

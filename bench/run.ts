import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { load1 } from './harness.js'
import { pipelineBench } from './pipeline.js'
import type { Row } from './report.js'
import { loadSdk, ROOT, type Sdk } from './sdk.js'

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}

const main = async (): Promise<void> => {
  const before = flag('before')
  const only = flag('only')?.split(',')
  const sdks: Sdk[] = [...(before ? [await loadSdk('before', before)] : []), await loadSdk('after')]
  const rows: Row[] = []
  const want = (group: string): boolean => only === undefined || only.includes(group)
  if (want('pipeline')) rows.push(...(await pipelineBench(sdks)))
  for (const row of rows) console.log(row.id, row.values, row.met, row.load, row.floor)
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ rows }, null, 2)}\n`)
  void cpus, loadavg, totalmem, load1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

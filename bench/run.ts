import { readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { allocBench } from './alloc.js'
import { coldStartBench } from './cold-start.js'
import { dynamoBench } from './dynamo.js'
import { load1 } from './harness.js'
import { httpBench } from './http.js'
import { isolatedRows } from './isolated.js'
import { pipelineBench } from './pipeline.js'
import type { Row } from './report.js'
import { loadSdk, ROOT, type Sdk } from './sdk.js'

/**
 * `npm run bench [-- --before <checkout> --only pipeline,memory,dynamo,http,cold,alloc --quick --readme]`
 *
 * Every row compares this build (`after`), and optionally another checkout's build (`before`,
 * e.g. main's code built into `.bench-out/before`), with a floor measured in the same run; see
 * bench/harness.ts for the rules. Writes bench/results.json; `--readme` also writes the table into
 * README.md between the bench markers.
 */
const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}
const has = (name: string): boolean => args.includes(`--${name}`)

type Group = 'pipeline' | 'memory' | 'dynamo' | 'http' | 'cold' | 'alloc'

const machine = () => ({
  node: process.version,
  platform: `${platform()} ${release()} ${arch()}`,
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  loadAtStart: loadavg().map((l) => Number(l.toFixed(2))),
})

const fmt = (value: number | undefined): string => (value === undefined ? '' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2))

const table = (rows: ReadonlyArray<Row>, labels: ReadonlyArray<string>): string => {
  const head = `| figure | unit | ${labels.join(' | ')} | target | met | floor (same run) | load avg |`
  const rule = `| --- | --- | ${labels.map(() => '---:').join(' | ')} | --- | --- | --- | --- |`
  const lines = rows.map(
    (r) =>
      `| ${r.figure} | ${r.unit} | ${labels.map((l) => fmt(r.values[l])).join(' | ')} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} | ${r.floor} | ${r.load.map((l) => l.toFixed(1)).join(' → ')} |`,
  )
  return [head, rule, ...lines].join('\n')
}

const writeReadme = (markdown: string): void => {
  const path = join(ROOT, 'README.md')
  const text = readFileSync(path, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < 0) throw new Error('README.md has no bench markers')
  writeFileSync(path, `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`)
}

/** Each group's title and rows, for the builds given. */
const groups = (quick: boolean): Record<Group, { readonly title: string; readonly rows: (sdks: Sdk[]) => Promise<Row[]> | Row[] }> => {
  const small = quick ? { rounds: 3, roundMs: 5, warmupMs: 20 } : {}
  return {
    pipeline: {
      title: 'text→text, every build against the floor (JSON.parse + a minimal response), CPU',
      rows: (sdks) => pipelineBench(sdks, { ...small, checkpointEventSizes: [], checkpointProfileSizes: [], ...(quick ? { eventSizes: [1, 10], profileSizes: [1] } : {}) }),
    },
    memory: {
      title: 'memoryStore, against the same pipeline without checkpoints, CPU',
      rows: (sdks) =>
        pipelineBench(sdks, { ...small, eventSizes: [], profileSizes: [], ...(quick ? { checkpointEventSizes: [10], checkpointProfileSizes: [], fullEntries: 1000 } : {}) }),
    },
    dynamo: { title: 'dynamoStore on loopback dynalite', rows: (sdks) => dynamoBench(sdks, quick ? { messages: 1, events: 5 } : {}) },
    http: { title: 'serve() on loopback (autocannon)', rows: (sdks) => httpBench(sdks, quick ? { rounds: 1, seconds: 1 } : {}) },
    cold: { title: 'cold start (fresh processes) and bundle size', rows: (sdks) => coldStartBench(sdks, quick ? 1 : 11) },
    alloc: { title: 'allocation', rows: (sdks) => allocBench(sdks, quick ? 100 : 10_000) },
  }
}

/** Measured in this process, one build per process when there are several (see bench/isolated.ts). */
const IN_PROCESS: ReadonlyArray<Group> = ['pipeline', 'memory']

/** `--child <group> --label <label> --root <checkout> --out <file>`: one build's rows of one group, written to the file. */
const child = async (group: Group): Promise<void> => {
  const sdk = await loadSdk(flag('label') ?? 'after', flag('root') ?? ROOT)
  writeFileSync(flag('out')!, JSON.stringify(await groups(has('quick'))[group].rows([sdk])))
}

const main = async (): Promise<void> => {
  const before = flag('before')
  const only = flag('only')?.split(',')
  const quick = has('quick')
  const sdks: Sdk[] = [...(before ? [await loadSdk('before', before)] : []), await loadSdk('after')]
  const labels = sdks.map((s) => s.label)
  const want = (group: Group): boolean => only === undefined || only.includes(group)
  const info = machine()
  console.log(`node ${info.node}, ${info.platform}, ${info.cpu}, ${info.memoryGb} GB; load average ${info.loadAtStart.join(' ')}`)
  const rows: Row[] = []
  const report = (group: string, got: Row[]): void => {
    rows.push(...got)
    console.log(`\n${group}`)
    for (const r of got) {
      console.log(
        `  ${r.figure}: ${labels.map((l) => `${l} ${fmt(r.values[l])}`).join(', ')} ${r.unit}; target ${r.target}${r.met === undefined ? '' : r.met ? ' (met)' : ' (NOT met)'}; floor ${r.floor}; load ${r.load.map((l) => l.toFixed(1)).join('→')}`,
      )
    }
  }
  const all = groups(quick)
  for (const group of Object.keys(all) as Group[]) {
    if (!want(group)) continue
    const isolated = sdks.length > 1 && IN_PROCESS.includes(group)
    const builds = sdks.map((sdk) => ({ label: sdk.label, root: sdk.root }))
    report(all[group].title, isolated ? await isolatedRows(group, builds, quick ? ['--quick'] : []) : await all[group].rows(sdks))
  }
  const builds = before
    ? `\`before\` is the build in \`${flag('beforeLabel') ?? before}\`, \`after\` this one, measured in the same run: the text→text and memoryStore rows in one process per build, run at the same time, each against its own floor. `
    : ''
  const markdown = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${info.cpu}, ${info.memoryGb} GB, ${info.platform}, Node ${info.node}, shared with other workloads (load average ${info.loadAtStart.join(' ')} at the start, ${load1().toFixed(2)} at the end). ${builds}CPU-time ratios are medians of per-round ratios; \`bench/results.json\` has wall time, per-round samples and per-item costs.\n\n${table(rows, labels)}`
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ machine: info, labels, rows }, null, 2)}\n`)
  console.log(`\n${table(rows, labels)}\n\nbench/results.json written`)
  if (has('readme')) writeReadme(markdown)
}

const childGroup = flag('child') as Group | undefined

;(childGroup === undefined ? main() : child(childGroup)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

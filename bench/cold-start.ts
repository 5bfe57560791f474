import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { load1, median } from './harness.js'
import { eventsText } from './messages.js'
import type { Row } from './report.js'
import { ROOT, type Sdk } from './sdk.js'

const OUT = join(ROOT, '.bench-out', 'cold-start')

/**
 * The quickstart (examples/quickstart) as Lambda would load it, with a stub `fetch` answering 200 at
 * once, so the message's custom events and screen views are "sent" without a network. The stub's
 * answer is a plain object shaped like a Response (status, headers, text): constructing a real
 * Response loads Node's fetch implementation (undici, ~10 ms), which a real call would load too,
 * but which is neither the SDK's cost nor the floor's.
 */
const entrySource = (root: string): string => `
import { createHandler } from ${JSON.stringify(join(root, 'examples/quickstart/src/handler.ts'))}
const answer = { status: 200, headers: new Map([['content-type', 'application/json']]), text: async () => '{}' }
export const handler = createHandler({ auth: false, fetch: async () => answer })
`

/** Wall time and peak RSS of one fresh `node` running `script` in `cwd`. */
const once = (script: string, cwd: string): { wallMs: number; rssMb: number } => {
  const start = performance.now()
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' })
  const wallMs = performance.now() - start
  if (result.status !== 0) throw new Error(`cold-start script failed: ${result.stderr}`)
  return { wallMs, rssMb: Number(result.stdout.trim().split('\n').at(-1)) / 1024 }
}

const RSS = 'process.stdout.write("\\n" + String(process.resourceUsage().maxRSS))'

/**
 * Each build's quickstart bundle (its own `bundle()`, minified, as `firehose bundle` writes it), then
 * fresh processes in alternating rounds: the floor reads and parses the 100-event message; each
 * build loads its bundle and answers the same message. Reported: the median over rounds of
 * (build − floor) in ms, the bundle's size, and the bundle's share of fp-ts.
 */
export const coldStartBench = async (sdks: ReadonlyArray<Sdk>, rounds = 11): Promise<Row[]> => {
  const loadStart = load1()
  mkdirSync(OUT, { recursive: true })
  // The quickstart's declared types only (custom events and screen views, alternating): mParticle sends no others.
  writeFileSync(join(OUT, 'message.json'), eventsText(100, ['custom_event', 'screen_view']).text)
  const built: Array<{ sdk: Sdk; dir: string; bytes: number; fpTs: number }> = []
  for (const sdk of sdks) {
    const dir = join(OUT, sdk.label)
    mkdirSync(dir, { recursive: true })
    const entry = join(dir, 'entry.ts')
    writeFileSync(entry, entrySource(sdk.root))
    // The bundle of the quickstart's own handler module: what `firehose bundle examples/quickstart/src/handler.ts` ships.
    const shipped = await sdk.bundle({ entry: join(sdk.root, 'examples/quickstart/src/handler.ts'), outDir: join(dir, 'shipped'), conditions: ['source'] })
    await sdk.bundle({ entry, outDir: dir, conditions: ['source'] })
    const { metafile } = await import('esbuild').then((esbuild) =>
      esbuild.build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'esm', minify: true, metafile: true, conditions: ['source'], mainFields: ['module', 'main'], external: ['@aws-sdk/*'], logLevel: 'silent', ...aliasOf(sdk) }),
    )
    const fpTs = Object.values(metafile.outputs).flatMap((o) => Object.entries(o.inputs)).filter(([path]) => path.includes('node_modules/fp-ts/')).reduce((sum, [, i]) => sum + i.bytesInOutput, 0)
    built.push({ sdk, dir, bytes: shipped.bytes, fpTs })
  }
  const floorScript = `import { readFileSync } from 'node:fs'; JSON.parse(readFileSync('../message.json', 'utf8')); ${RSS}`
  const subjectScript =
    `import { readFileSync } from 'node:fs'; const { handler } = await import('./index.mjs');` +
    ` const ctx = { getRemainingTimeInMillis: () => 3000, awsRequestId: 'cold' };` +
    ` const r = await handler(JSON.parse(readFileSync('../message.json', 'utf8')), ctx); if (r.type !== 'event_processing_response') process.exit(3); ${RSS}`
  const deltas = new Map<string, number[]>(sdks.map((s) => [s.label, []]))
  const floors: number[] = []
  const rss = new Map<string, number>()
  once(floorScript, built[0]!.dir)
  for (let round = 0; round < rounds; round++) {
    const floor = once(floorScript, built[0]!.dir)
    floors.push(floor.wallMs)
    const order = round % 2 === 0 ? built : [...built].reverse()
    for (const b of order) {
      const run = once(subjectScript, b.dir)
      deltas.get(b.sdk.label)!.push(run.wallMs - floor.wallMs)
      rss.set(b.sdk.label, Math.max(rss.get(b.sdk.label) ?? 0, run.rssMb))
    }
  }
  const load: readonly [number, number] = [loadStart, load1()]
  const lastLabel = sdks.at(-1)!.label
  const coldValues = Object.fromEntries(sdks.map((s) => [s.label, median(deltas.get(s.label)!)]))
  const sizeValues = Object.fromEntries(built.map((b) => [b.sdk.label, b.bytes / 1024]))
  return [
    {
      id: 'cold-start',
      figure: 'cold start: bundled quickstart, one 100-event message',
      unit: 'ms more than the floor process (wall, median of rounds)',
      target: '≤ +20 ms',
      floor: `${median(floors).toFixed(1)} ms (fresh node: read + JSON.parse); peak RSS ${[...rss].map(([l, mb]) => `${l} ${mb.toFixed(0)} MB`).join(', ')}`,
      load,
      values: coldValues,
      met: coldValues[lastLabel]! <= 20,
      detail: { rounds, floors, deltas: Object.fromEntries(deltas) },
    },
    {
      id: 'bundle-size',
      figure: 'quickstart bundle, minified',
      unit: 'KB',
      target: '≤ 80 KB',
      floor: `fp-ts in the bundle: ${built.map((b) => `${b.sdk.label} ${(b.fpTs / 1024).toFixed(1)} KB`).join(', ')}`,
      load,
      values: sizeValues,
      met: sizeValues[lastLabel]! <= 80,
      detail: built.map((b) => ({ label: b.sdk.label, bytes: b.bytes, fpTsBytes: b.fpTs })),
    },
  ]
}

/** The same module substitution the build's own bundle() makes, for the fp-ts share measured above. */
const aliasOf = (sdk: Sdk): { plugins?: never[] } => (sdk.bundlePlugins ? { plugins: sdk.bundlePlugins as never[] } : {})

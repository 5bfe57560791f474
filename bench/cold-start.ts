import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from '../src/cli/bundle.js'
import { EVENT_TYPES } from '../src/schema/index.js'
import { sampleBatch } from './sample-events.js'

export interface ColdRow {
  readonly name: string
  readonly wallMs: number
  readonly rssMb: number
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const out = join(root, '.bench-out', 'cold-start')

/** Median wall time and peak memory of a fresh `node` process running `script`. */
const measure = (script: string, runs: number): { wallMs: number; rssMb: number } => {
  const walls: number[] = []
  let rss = 0
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: out, encoding: 'utf8' })
    walls.push(performance.now() - start)
    if (result.status !== 0) throw new Error(`cold-start script failed: ${result.stderr}`)
    rss = Math.max(rss, Number(result.stdout.trim().split('\n').at(-1)) / 1024)
  }
  walls.sort((a, b) => a - b)
  return { wallMs: walls[Math.floor(walls.length / 2)], rssMb: rss }
}

/**
 * A fresh process that loads a Lambda bundle of firehose() (all 16 event types, no-op handlers)
 * and answers one 100-event batch,
 * against the floor: a fresh process that reads and parses the same message.
 */
export const coldStartBench = async (runs = 11): Promise<{ rows: ColdRow[]; bundleBytes: number; zipBytes: number }> => {
  mkdirSync(out, { recursive: true })
  const built = await bundle({ entry: join(root, 'bench/cold-entry.ts'), outDir: out, conditions: ['source'] })
  writeFileSync(join(out, 'message.json'), JSON.stringify(sampleBatch(100, EVENT_TYPES)))
  const rssOut = 'process.stdout.write(String(process.resourceUsage().maxRSS))'
  const floor = measure(`import { readFileSync } from 'node:fs'; JSON.parse(readFileSync('message.json', 'utf8')); ${rssOut}`, runs)
  const subject = measure(
    `import { readFileSync } from 'node:fs'; const { handler } = await import('./index.mjs');` +
      ` const ctx = { getRemainingTimeInMillis: () => 3000, awsRequestId: 'cold' };` +
      ` await handler(JSON.parse(readFileSync('message.json', 'utf8')), ctx).catch(() => undefined); ${rssOut}`,
    runs,
  )
  return {
    rows: [
      { name: 'bare node: read + JSON.parse', ...floor },
      { name: 'bundle: load + answer 1 batch', ...subject },
    ],
    bundleBytes: built.bytes,
    zipBytes: built.zipBytes,
  }
}

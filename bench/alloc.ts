import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { load1 } from './harness.js'
import type { Row } from './report.js'
import { ROOT, type Sdk } from './sdk.js'

/** Bytes a 10,000-event message allocates on top of the floor's, over its JSON size (each build in its own process). */
export const allocBench = (sdks: ReadonlyArray<Sdk>, events = 10_000): Row[] => {
  const loadStart = load1()
  const runs = sdks.map((sdk) => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256', join(ROOT, 'dist/bench/alloc-child.js'), sdk.root, String(events)],
      { encoding: 'utf8' },
    )
    return { label: sdk.label, ...(JSON.parse(out) as { bytes: number; floor: number; pipeline: number }) }
  })
  const values = Object.fromEntries(runs.map((r) => [r.label, (r.pipeline - r.floor) / r.bytes]))
  const last = runs.at(-1)!
  return [
    {
      id: `alloc-${events}`,
      figure: `allocation, ${events.toLocaleString('en-US')}-event message`,
      unit: '× its JSON size, on top of the floor',
      target: '≤ 1.5×',
      floor: `${(last.floor / 1e6).toFixed(1)} MB allocated by parse + response (${(last.bytes / 1e6).toFixed(1)} MB of JSON)`,
      load: [loadStart, load1()],
      values,
      met: values[last.label]! <= 1.5,
      detail: runs,
    },
  ]
}

import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Row } from './report.js'

/**
 * Rows measured with every build in a process of its own. Two builds in one process do not measure
 * alike: with two copies of the same build, the second listed measured 1.90× floor against 1.83×
 * at 1 event (V8 shares some of its caches between them). So for the in-process groups each build
 * runs in its own child, all children at the same time (the same load hits every one), each
 * against its own floor, and their rows are merged.
 */
export interface Build {
  readonly label: string
  readonly root: string
}

export const isolatedRows = async (group: string, builds: ReadonlyArray<Build>, extraArgs: ReadonlyArray<string>): Promise<Row[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'firehose-bench-'))
  try {
    const script = fileURLToPath(new URL('./run.js', import.meta.url))
    const perBuild = await Promise.all(
      builds.map(async (build, i) => {
        const out = join(dir, `${i}.json`)
        await new Promise<void>((resolve, reject) =>
          execFile(
            process.execPath,
            [script, '--child', group, '--label', build.label, '--root', build.root, '--out', out, ...extraArgs],
            { maxBuffer: 64 * 1024 * 1024 },
            (error, _stdout, stderr) => (error ? reject(new Error(`bench child for ${build.label} failed: ${stderr || error.message}`)) : resolve()),
          ),
        )
        return JSON.parse(readFileSync(out, 'utf8')) as Row[]
      }),
    )
    return mergeRows(
      builds.map((b) => b.label),
      perBuild,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** One row per id: each build's value from its own run, whether the target is met from the last build's. */
export const mergeRows = (labels: ReadonlyArray<string>, perBuild: ReadonlyArray<ReadonlyArray<Row>>): Row[] => {
  const last = perBuild.at(-1) ?? []
  return last.map((row) => {
    const same = perBuild.map((rows) => rows.find((r) => r.id === row.id))
    return {
      ...row,
      floor: same
        .map((r, i) => (r ? `${labels[i]}: ${r.floor}` : undefined))
        .filter((f) => f !== undefined)
        .join('; '),
      load: [Math.min(...same.map((r) => r?.load[0] ?? Infinity)), Math.max(...same.map((r) => r?.load[1] ?? 0))],
      values: Object.fromEntries(same.flatMap((r, i) => (r && r.values[labels[i]!] !== undefined ? [[labels[i]!, r.values[labels[i]!]!]] : []))),
      detail: Object.fromEntries(same.map((r, i) => [labels[i]!, r?.detail])),
    }
  })
}

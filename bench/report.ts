import type { Comparison } from './harness.js'

/** One line of the results table: a figure for each build measured (`before`, `after`), against the floor of the same run. */
export interface Row {
  readonly id: string
  readonly figure: string
  /** What the numbers are, e.g. `× floor, CPU`. */
  readonly unit: string
  readonly target: string
  /** The floor, as measured in the same run. */
  readonly floor: string
  /** One-minute load average at the start and the end of the row. */
  readonly load: readonly [number, number]
  /** The row's figure for each build, by label. */
  readonly values: Readonly<Record<string, number>>
  /** Whether the last build measured meets the target. */
  readonly met?: boolean
  readonly detail?: unknown
}

export const ratioDetail = (comparison: Comparison) => ({
  rounds: comparison.rounds,
  floor: comparison.floor,
  contenders: comparison.contenders,
})

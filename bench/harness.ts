import { loadavg } from 'node:os'

/**
 * The measuring rules every row follows, in one place:
 *
 * - every contender and the floor are warmed up first (the JIT settles before anything counts);
 * - they then run in alternating rounds (floor, contenders, floor... with the order reversed every
 *   other round), so a burst of load from the other tenants of the machine hits all of them alike;
 * - each round yields one ratio per contender (its cost per call over the floor's in that round),
 *   and a row reports the median of those per-round ratios, for CPU time (`process.cpuUsage`) and
 *   for wall time, beside the load average seen while the row ran.
 *
 * Timing is reported, never asserted: tests only check that this code runs.
 */
export type Work = () => unknown

export interface Contender {
  readonly name: string
  readonly run: Work
}

export interface Measured {
  readonly name: string
  /** Median over rounds of the cost of one call. */
  readonly wallUs: number
  readonly cpuUs: number
  /** Median over rounds of (this contender's cost per call) / (the floor's in the same round). */
  readonly cpuRatio: number
  readonly wallRatio: number
}

export interface Comparison {
  readonly floor: Measured
  readonly contenders: ReadonlyArray<Measured>
  readonly rounds: number
  /** One-minute load average at the start and at the end of the row. */
  readonly load: readonly [number, number]
  /** Median over rounds of contender[i] / contender[j] (CPU time), for rows compared with another contender. */
  readonly between: (numerator: string, denominator: string) => number
}

export interface CompareOptions {
  /** Rounds counted (after the warm-up). */
  readonly rounds?: number
  /** Each contender runs at least this long per round (and at least once). */
  readonly roundMs?: number
  /** Time spent on each contender before any round counts (under load, the optimising compiler needs seconds; its threads count as CPU time). */
  readonly warmupMs?: number
  /** Called before each contender's turn in a round (a fresh store, say); not timed. */
  readonly beforeTurn?: (name: string) => void | Promise<void>
}

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const cpuNowUs = (): number => {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** Runs `work` for at least `ms` (and at least once); the cost per call. */
const turn = async (work: Work, ms: number): Promise<{ wallUs: number; cpuUs: number }> => {
  let calls = 0
  const cpu0 = cpuNowUs()
  const t0 = performance.now()
  const until = t0 + ms
  do {
    const result = work()
    if (result instanceof Promise) await result
    calls++
  } while (performance.now() < until)
  const wallUs = ((performance.now() - t0) * 1000) / calls
  const cpuUs = (cpuNowUs() - cpu0) / calls
  return { wallUs, cpuUs }
}

export const load1 = (): number => loadavg()[0]!

/** Floor and contenders in alternating, interleaved rounds; see the rules above. */
export const compare = async (floor: Contender, contenders: ReadonlyArray<Contender>, options: CompareOptions = {}): Promise<Comparison> => {
  const rounds = options.rounds ?? 15
  const roundMs = options.roundMs ?? 40
  const warmupMs = options.warmupMs ?? 1500
  const all = [floor, ...contenders]
  const loadStart = load1()
  for (const c of all) {
    await options.beforeTurn?.(c.name)
    await turn(c.run, warmupMs)
  }
  const samples = new Map<string, Array<{ wallUs: number; cpuUs: number }>>(all.map((c) => [c.name, []]))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? all : [...all].reverse()
    for (const c of order) {
      await options.beforeTurn?.(c.name)
      samples.get(c.name)!.push(await turn(c.run, roundMs))
    }
  }
  const floorSamples = samples.get(floor.name)!
  const measured = (name: string): Measured => {
    const own = samples.get(name)!
    return {
      name,
      wallUs: median(own.map((s) => s.wallUs)),
      cpuUs: median(own.map((s) => s.cpuUs)),
      // CPU time comes in ticks of the kernel's accounting: a round whose floor shows no CPU at all is left out.
      cpuRatio: median(own.flatMap((s, i) => (floorSamples[i]!.cpuUs > 0 ? [s.cpuUs / floorSamples[i]!.cpuUs] : []))),
      wallRatio: median(own.map((s, i) => s.wallUs / floorSamples[i]!.wallUs)),
    }
  }
  return {
    floor: measured(floor.name),
    contenders: contenders.map((c) => measured(c.name)),
    rounds,
    load: [loadStart, load1()],
    between: (numerator, denominator) => {
      const a = samples.get(numerator)!
      const b = samples.get(denominator)!
      return median(a.flatMap((s, i) => (b[i]!.cpuUs > 0 ? [s.cpuUs / b[i]!.cpuUs] : [])))
    },
  }
}

export const fmtUs = (us: number): string => (us < 1000 ? `${us.toFixed(1)} µs` : `${(us / 1000).toFixed(2)} ms`)

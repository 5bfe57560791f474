import { describe, expect, it } from 'vitest'
import { checkDecode } from './checks.js'
import { SCALE, SEED, corpus, mutate, prototypeSnapshot, randomJson, rng, saveRegression } from './support.js'

/** Seeded: the same messages every run (FUZZ_SEED changes them). Failing inputs go to ./regressions. */
const MUTATED = Math.round(40_000 * SCALE)
const RANDOM = Math.round(10_000 * SCALE)

describe('fuzz: decodeMessage, lenient and strict', () => {
  it(`${MUTATED} structure-aware mutations of the corpus and ${RANDOM} random JSON values: never a throw, always a typed answer`, () => {
    const seeds = corpus()
    expect(seeds.length).toBeGreaterThan(10)
    const r = rng(SEED)
    const before = prototypeSnapshot()
    const failures: string[] = []
    const check = (value: unknown, target: string, ops: string[]): void => {
      for (const mode of ['lenient', 'strict'] as const) {
        const problem = checkDecode(value, mode)
        if (problem !== undefined && failures.length < 20) failures.push(`${problem} [${ops.join(', ')}] -> ${saveRegression({ target: `decode-${mode}`, input: value, problem })}`)
      }
    }
    let heapPeak = 0
    for (let i = 0; i < MUTATED; i++) {
      const { value, ops } = mutate(r.pick(seeds), r)
      check(value, 'decode', ops)
      if (i % 5_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
    }
    for (const value of randomJson(RANDOM, SEED)) check(value, 'decode', ['random json'])
    expect(failures).toEqual([])
    expect(prototypeSnapshot()).toBe(before)
    expect(heapPeak).toBeLessThan(1_500 * 1024 * 1024)
    console.log(`[fuzz] decodeMessage: ${MUTATED + RANDOM} messages x 2 modes, seed ${SEED}, heap peak ${Math.round(heapPeak / 1024 / 1024)} MB`)
  }, 300_000)
})

import { describe, expect, it } from 'vitest'
import { compare } from '../../bench/harness.js'
import { eventsText, membershipText } from '../../bench/messages.js'
import { mergeRows } from '../../bench/isolated.js'
import { pipelineBench } from '../../bench/pipeline.js'
import { thisSdk } from '../../bench/sdk.js'

// The benchmark's own code runs, at tiny sizes. Nothing here looks at a timing: benchmarks report, tests never assert speed.
describe('bench (smoke)', () => {
  it('compares interleaved rounds and reports a ratio per contender', async () => {
    const result = await compare({ name: 'floor', run: () => JSON.parse('[1]') }, [{ name: 'x', run: async () => JSON.parse('[1,2]') }], { rounds: 2, roundMs: 1, warmupMs: 1 })
    expect(result.contenders.map((c) => c.name)).toEqual(['x'])
    expect(result.rounds).toBe(2)
    expect(Number.isFinite(result.contenders[0]!.wallRatio)).toBe(true)
  })

  it('writes messages with a new account id per call', () => {
    const m = eventsText(3)
    expect(m.next()).not.toBe(m.next())
    expect((JSON.parse(m.next()) as { events: unknown[] }).events).toHaveLength(3)
    expect((JSON.parse(membershipText(2).next()) as { user_profiles: unknown[] }).user_profiles).toHaveLength(2)
  })

  it('runs the pipeline rows, with and without memoryStore, at tiny sizes', async () => {
    const rows = await pipelineBench([thisSdk()], {
      eventSizes: [1, 3],
      profileSizes: [2],
      checkpointEventSizes: [3],
      checkpointProfileSizes: [2],
      fullEntries: 10,
      rounds: 1,
      roundMs: 1,
      warmupMs: 1,
    })
    expect(rows.map((r) => r.id)).toEqual([
      'events-1',
      'events-3',
      'audience-2',
      'memory-events-3-fresh',
      'memory-events-3-full',
      'memory-audience-2-fresh',
      'memory-audience-2-full',
    ])
    for (const row of rows) expect(Object.keys(row.values)).toEqual(['after'])
  })

  it('merges the rows each build measured in its own process: its own value and floor, the last build deciding the target', () => {
    const row = (label: string, value: number, load: [number, number]) => ({
      id: 'events-1',
      figure: '1 event',
      unit: '× floor',
      target: '≤ 2×',
      floor: `${label} floor`,
      load,
      values: { [label]: value },
      met: value <= 2,
      detail: label,
    })
    const [merged] = mergeRows(['before', 'after'], [[row('before', 5.3, [1, 2])], [row('after', 1.8, [0.5, 3])]])
    expect(merged).toMatchObject({
      id: 'events-1',
      values: { before: 5.3, after: 1.8 },
      met: true,
      load: [0.5, 3],
      floor: 'before: before floor; after: after floor',
      detail: { before: 'before', after: 'after' },
    })
  })
})

import { describe, expect, it } from 'vitest'
import { createHttpClient } from '../../src/delivery/index.js'
import { DEFAULTS } from '../../src/core/defaults.js'
import { recordingFetch } from '../../src/testing/index.js'

describe('finding 6: no partner call starts without a minimum time to finish', () => {
  const clock = () => {
    let time = 1_700_000_000_000
    return { now: () => time, advance: (ms: number) => void (time += ms) }
  }

  for (const left of [1, 3, 10, DEFAULTS.minCallMs - 1]) {
    it(`${left} ms left before the deadline: the call is not made`, async () => {
      const api = recordingFetch()
      const { now } = clock()
      const client = createHttpClient({ fetch: api.fetch, now, deadlineMarginMs: 0 }).withContext({ remainingMs: () => left })
      const result = await client.send({ url: 'https://api.example/track', json: { id: 1 } })
      expect(result._tag).toBe('Left')
      if (result._tag === 'Left') {
        expect(result.left.kind).toBe('retryable')
        expect(result.left.details.attempts).toBe(0)
      }
      expect(api.calls()).toHaveLength(0)
    })
  }

  it(`${DEFAULTS.minCallMs} ms left: the call is made`, async () => {
    const api = recordingFetch()
    const { now } = clock()
    const client = createHttpClient({ fetch: api.fetch, now, deadlineMarginMs: 0 }).withContext({ remainingMs: () => DEFAULTS.minCallMs })
    const result = await client.send({ url: 'https://api.example/track', json: { id: 1 } })
    expect(result._tag).toBe('Right')
    expect(api.calls()).toHaveLength(1)
  })

  it('a budget that is spent on the injected clock before the call stops it too', async () => {
    const api = recordingFetch()
    const c = clock()
    // budgetMs 30 with a clock that jumps 15 ms each time it is read: by the first attempt less than 20 ms is left.
    const now = () => {
      const t = c.now()
      c.advance(15)
      return t
    }
    const client = createHttpClient({ fetch: api.fetch, now, budgetMs: 30 })
    const result = await client.send({ url: 'https://api.example/track', json: { id: 1 } })
    expect(result._tag).toBe('Left')
    expect(api.calls()).toHaveLength(0)
  })
})

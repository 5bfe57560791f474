import { describe, expect, it } from 'vitest'
import type { CheckpointStore } from '../../src/delivery/index.js'

export interface StoreFactoryOptions {
  readonly ttlSeconds?: number
  readonly now?: () => number
}

/** A clock the test moves by hand. */
export const manualClock = (start = Date.parse('2025-01-01T00:00:00Z')) => {
  let time = start
  return { now: () => time, advance: (ms: number) => void (time += ms) }
}

let unique = 0
const key = (name: string): string => `${name}-${Date.now()}-${++unique}`

/** The behaviour every CheckpointStore must have; run once per store. */
export const checkpointStoreSuite = (name: string, makeStore: (options: StoreFactoryOptions) => CheckpointStore | Promise<CheckpointStore>) => {
  describe(`${name}: the CheckpointStore contract`, () => {
    it('claims a new key, then skips it as busy until delivered, then as delivered', async () => {
      const store = await makeStore({})
      const k = key('basic')
      expect(await store.claim(k, 60_000)).toBe('claimed')
      expect(await store.claim(k, 60_000)).toBe('busy')
      await store.markDelivered(k)
      expect(await store.claim(k, 60_000)).toBe('delivered')
      expect(await store.claim(k, 60_000)).toBe('delivered')
    })

    it('keeps keys apart', async () => {
      const store = await makeStore({})
      const [a, b] = [key('a'), key('b')]
      expect(await store.claim(a, 60_000)).toBe('claimed')
      expect(await store.claim(b, 60_000)).toBe('claimed')
      await store.markDelivered(a)
      expect(await store.claim(b, 60_000)).toBe('busy')
    })

    it('lets exactly one of 20 concurrent claims win', async () => {
      const store = await makeStore({})
      const k = key('race')
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(k, 60_000)))
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1)
      expect(results.filter((r) => r === 'busy')).toHaveLength(19)
    })

    it('lets a new claim in once the lease has expired', async () => {
      const clock = manualClock()
      const store = await makeStore({ now: clock.now })
      const k = key('lease')
      expect(await store.claim(k, 5_000)).toBe('claimed')
      clock.advance(4_999)
      expect(await store.claim(k, 5_000)).toBe('busy')
      clock.advance(1)
      expect(await store.claim(k, 5_000)).toBe('claimed')
      expect(await store.claim(k, 5_000)).toBe('busy')
    })

    it('release frees a claim for the next delivery', async () => {
      const store = await makeStore({})
      const k = key('release')
      expect(await store.claim(k, 60_000)).toBe('claimed')
      await store.release(k)
      expect(await store.claim(k, 60_000)).toBe('claimed')
    })

    it('release never removes a delivered mark, and releasing an unknown key is harmless', async () => {
      const store = await makeStore({})
      const k = key('release-delivered')
      await store.claim(k, 60_000)
      await store.markDelivered(k)
      await store.release(k)
      expect(await store.claim(k, 60_000)).toBe('delivered')
      await expect(store.release(key('never-claimed'))).resolves.toBeUndefined()
    })

    it('forgets a delivered mark after the TTL', async () => {
      const clock = manualClock()
      const store = await makeStore({ ttlSeconds: 60, now: clock.now })
      const k = key('ttl')
      await store.claim(k, 1_000)
      await store.markDelivered(k)
      clock.advance(59_000)
      expect(await store.claim(k, 1_000)).toBe('delivered')
      clock.advance(1_000)
      expect(await store.claim(k, 1_000)).toBe('claimed')
    })

    it('marks a key delivered even without a claim (a late finisher whose lease ran out)', async () => {
      const clock = manualClock()
      const store = await makeStore({ now: clock.now })
      const k = key('late')
      await store.claim(k, 1_000)
      clock.advance(2_000)
      expect(await store.claim(k, 1_000)).toBe('claimed')
      await store.markDelivered(k)
      expect(await store.claim(k, 1_000)).toBe('delivered')
    })
  })
}

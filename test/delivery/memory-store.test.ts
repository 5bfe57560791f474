import { describe, expect, it } from 'vitest'
import { DEFAULT_CHECKPOINT_TTL_SECONDS, memoryStore, type CheckpointStore } from '../../src/delivery/index.js'
import type { Synchronous } from '../../src/delivery/memory-store.js'
import { checkpointStoreSuite } from './store-suite.js'

checkpointStoreSuite('memoryStore', (options) => memoryStore(options))

describe('memoryStore: bounds', () => {
  it('evicts the oldest entries beyond maxEntries', async () => {
    const store = memoryStore({ maxEntries: 3 })
    for (const k of ['a', 'b', 'c', 'd']) await store.markDelivered(k)
    expect(await store.claim('a', 1_000)).toBe('claimed') // evicted, so forgotten
    expect(await store.claim('c', 1_000)).toBe('delivered')
    expect(await store.claim('d', 1_000)).toBe('delivered')
  })

  it('counts a rewritten key as new', async () => {
    const store = memoryStore({ maxEntries: 2 })
    await store.claim('a', 60_000)
    await store.claim('b', 60_000)
    await store.markDelivered('a') // a is now the newest
    await store.markDelivered('c') // evicts b
    expect(await store.claim('a', 1_000)).toBe('delivered')
    expect(await store.claim('b', 1_000)).toBe('claimed')
  })
})

describe('memoryStore: a clock reading handed to the split claim', () => {
  it("is used for the lease when the store reads Date.now (the runtime hands on its deadline check's reading)", () => {
    const store = memoryStore()
    const { claim } = splitTwins(store)
    const longAgo = Date.now() - 10 * 60_000
    // Taken 10 minutes ago, a 1-minute lease has already ended: the key can be claimed again at once.
    expect(claim('acct/on:a/', 'e1', 60_000, longAgo)).toBe('claimed')
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('claimed')
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('busy')
  })

  it('is ignored by a store with its own clock', () => {
    const time = Date.parse('2025-01-01T00:00:00Z')
    const store = memoryStore({ now: () => time })
    const { claim } = splitTwins(store)
    expect(claim('acct/on:a/', 'e1', 60_000, time - 10 * 60_000)).toBe('claimed')
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('busy')
  })
})

describe('memoryStore: a clock reading handed to the split mark', () => {
  it("is used for the delivered mark's expiry when the store reads Date.now (the runtime hands on its deadline check's reading)", () => {
    const store = memoryStore({ ttlSeconds: 60 })
    const { claim, markDelivered } = splitTwins(store)
    // Taken 10 minutes ago, a 1-minute mark has already expired: the key can be claimed again.
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('claimed')
    markDelivered('acct/on:a/', 'e1', Date.now() - 10 * 60_000)
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('claimed')
    // Taken now, it holds.
    markDelivered('acct/on:a/', 'e1', Date.now())
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('delivered')
  })

  it('is ignored by a store with its own clock', () => {
    const time = Date.parse('2025-01-01T00:00:00Z')
    const store = memoryStore({ now: () => time, ttlSeconds: 60 })
    const { claim, markDelivered } = splitTwins(store)
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('claimed')
    markDelivered('acct/on:a/', 'e1', time - 10 * 60_000)
    expect(claim('acct/on:a/', 'e1', 60_000)).toBe('delivered')
  })
})

/** A small seeded generator (a linear congruential one): `random(n)` is an integer in [0, n), the same sequence every run. */
const seededRandom = (seed: number) => {
  let state = seed
  return (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return (state >>> 8) % n
  }
}

/** The documented behaviour, kept the plain way: a Map in write order (a rewrite moves a key to the end). */
const referenceStore = (maxEntries: number, now: () => number, ttlSeconds: number) => {
  const entries = new Map<string, { delivered: boolean; until: number }>()
  const write = (key: string, entry: { delivered: boolean; until: number }) => {
    entries.delete(key)
    entries.set(key, entry)
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
  }
  const live = (key: string) => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (now() < (entry.delivered ? entry.until * 1000 : entry.until)) return entry
    entries.delete(key)
    return undefined
  }
  return {
    claim: (key: string, leaseMs: number) => {
      const entry = live(key)
      if (entry !== undefined) return entry.delivered ? 'delivered' : 'busy'
      write(key, { delivered: false, until: now() + leaseMs })
      return 'claimed'
    },
    markDelivered: (key: string) => write(key, { delivered: true, until: Math.floor(now() / 1000) + ttlSeconds }),
    release: (key: string) => {
      if (entries.get(key)?.delivered === false) entries.delete(key)
    },
    delivered: (keys: ReadonlyArray<string>) => new Set(keys.filter((key) => live(key)?.delivered === true)),
  }
}

/** The store's methods as the runtime calls them when it can: synchronous, the key in two parts (`prefix + suffix`). */
const splitTwins = (store: CheckpointStore) => {
  const claim = (store.claim as Synchronous<CheckpointStore['claim']>).split!
  const markDelivered = (store.markDelivered as Synchronous<CheckpointStore['markDelivered']>).split!
  const release = (store.release as Synchronous<CheckpointStore['release']>).split!
  return { claim, markDelivered, release }
}

describe('memoryStore: the same answers as a plain write-ordered Map', () => {
  // `split`: every other operation goes through the synchronous twins that take the key in two
  // parts, cut at a random place (the same key either way).
  it.each([
    ['whole keys', false],
    ['keys whole or in two parts', true],
  ])('agrees on 20,000 random claims, marks, releases and reads, with evictions, expiries and keys of every length (%s)', async (_, split) => {
    const random = seededRandom(12345)
    let time = Date.parse('2025-01-01T00:00:00Z')
    const now = () => time
    const store = memoryStore({ maxEntries: 50, ttlSeconds: 30, now })
    const twins = splitTwins(store)
    const reference = referenceStore(50, now, 30)
    // Few enough keys that they come back, among them empty, long and non-ASCII ones.
    const keys = Array.from({ length: 120 }, (_, i) => (i === 0 ? '' : `${'acct'.repeat(i % 7)}/on:é${i % 5}/${i}${'x'.repeat(i % 40)}`))
    const cut = (key: string): [string, string] => {
      const at = random(key.length + 1)
      return [key.slice(0, at), key.slice(at)]
    }
    let previous = keys[0]!
    for (let step = 0; step < 20_000; step++) {
      // A third of the operations on the key of the one before, as the runtime's claim, then mark or release.
      const key = random(3) === 0 ? previous : keys[random(keys.length)]!
      previous = key
      const op = random(10)
      const parts = split && random(2) === 0 ? cut(key) : undefined
      if (op < 4) {
        const leaseMs = 1 + random(20_000)
        const answer = parts === undefined ? await store.claim(key, leaseMs) : twins.claim(parts[0], parts[1], leaseMs)
        expect(answer).toBe(reference.claim(key, leaseMs))
      } else if (op < 7) {
        if (parts === undefined) await store.markDelivered(key)
        else twins.markDelivered(parts[0], parts[1])
        reference.markDelivered(key)
      } else if (op < 8) {
        if (parts === undefined) await store.release(key)
        else twins.release(parts[0], parts[1])
        reference.release(key)
      } else if (op < 9) {
        const asked = [key, keys[random(keys.length)]!, keys[random(keys.length)]!]
        expect(await store.delivered!(asked)).toEqual(reference.delivered(asked))
      } else time += random(5_000)
    }
  })

  it('agrees on the pattern of the runtime: each new key claimed, then marked or released, the store evicting (keys kept in write order)', async () => {
    const random = seededRandom(777)
    const time = Date.parse('2025-01-01T00:00:00Z')
    const now = () => time
    const store = memoryStore({ maxEntries: 40, now })
    const twins = splitTwins(store)
    const reference = referenceStore(40, now, DEFAULT_CHECKPOINT_TTL_SECONDS)
    const written: string[] = []
    for (let message = 0; message < 300; message++) {
      const prefix = `${1_000_000 + message}/on:${'x'.repeat(random(30))}/`
      for (let event = 0; event < 1 + random(12); event++) {
        const id = `${message}-${event}-${'e'.repeat(random(50))}`
        expect(twins.claim(prefix, id, 60_000)).toBe(reference.claim(prefix + id, 60_000))
        if (random(8) === 0) {
          twins.release(prefix, id)
          reference.release(prefix + id)
        } else {
          twins.markDelivered(prefix, id)
          reference.markDelivered(prefix + id)
        }
        written.push(prefix + id)
      }
      const asked = Array.from({ length: 5 }, () => written[written.length - 1 - random(Math.min(written.length, 60))]!)
      expect(await store.delivered!(asked)).toEqual(reference.delivered(asked))
    }
  })
})

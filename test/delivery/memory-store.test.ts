import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/delivery/index.js'
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

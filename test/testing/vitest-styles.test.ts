import { test as propTest } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { properties } from '../../src/testing/index.js'
import { goodDefinition } from './partner.js'

/** The two styles docs/testing.md shows, run as a partner would write them. */
describe('plain vitest + fast-check', () => {
  it('is total', () => properties.totality(goodDefinition as never).assert({ numRuns: 25 }))
  it('answers verification requests without partner code', () => properties.verificationNeverReachesHandlers(goodDefinition as never).assert({ numRuns: 25 }))
  it('never delivers an event twice', () => properties.noDoubleDelivery(goodDefinition as never).assert({ numRuns: 10 }))
})

describe('@fast-check/vitest', () => {
  const total = properties.totality(goodDefinition as never)
  const verification = properties.verificationNeverReachesHandlers(goodDefinition as never)
  const replay = properties.noDoubleDelivery(goodDefinition as never)

  propTest.prop([total.arbitrary], { numRuns: 25 })('is total', total.check)
  propTest.prop([verification.arbitrary], { numRuns: 25 })('answers verification requests without partner code', verification.check)
  propTest.prop([replay.arbitrary], { numRuns: 10 })('never delivers an event twice', replay.check)

  it('a failing check fails test.prop the same way (through fc.assert)', async () => {
    const broken = properties.totality(async () => ({}), goodDefinition.registration as never)
    await expect(broken.assert({ numRuns: 5 })).rejects.toThrow(/Property failed/)
  })
})

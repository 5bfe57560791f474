import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { setting } from '../../src/index.js'
import { groupByAudience } from '../../src/definition/audience-groups.js'
import { audience, userProfile } from '../../src/testing/builders.js'

describe('groupByAudience', () => {
  const listId = { listId: setting.integer({ name: 'List', required: true }) }
  const a = userProfile({
    email: 'a@x',
    audiences: [
      audience({ audienceId: 1, action: 'add', subscriptionSettings: { listId: 11 } }),
      audience({ audienceId: 2, action: 'delete', subscriptionSettings: { listId: 22 } }),
    ],
  })
  const b = userProfile({
    email: 'b@x',
    audiences: [audience({ audienceId: 2, action: 'add', subscriptionSettings: { listId: 22 } }), audience({ audienceId: 1, action: 'add', subscriptionSettings: { listId: 11 } })],
  })
  const c = userProfile({ email: 'c@x', audiences: [audience({ audienceId: 3, action: 'attribute_update' }), audience({ audienceId: 4, action: 'add' })] })

  it('makes one group per audience and action, additions first, then removals, then attribute updates', () => {
    const groups = groupByAudience([a, b, c], listId)
    expect(groups.map((g) => [g.action, g.audienceId, g.profiles.length])).toEqual([
      ['add', 1, 2],
      ['add', 2, 1],
      ['add', 4, 1],
      ['delete', 2, 1],
      ['attribute_update', 3, 1],
    ])
    expect(groups[0].profiles).toEqual([a, b])
  })

  it('types each audience’s subscription settings, and names what is missing', () => {
    const groups = groupByAudience([a, c], listId)
    expect(groups[0].settings).toEqual(E.right({ listId: 11 }))
    const missing = groups.find((g) => g.audienceId === 4)!.settings
    expect(E.isLeft(missing) && missing.left.ids).toEqual(['listId'])
  })

  it('leaves out invalid profiles and audiences, and copes with no profiles', () => {
    const invalid = { invalid: true as const, raw: {}, problems: [] }
    expect(groupByAudience([invalid, userProfile({ audiences: [invalid as never] })])).toEqual([])
    expect(groupByAudience(undefined)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { decodeMessage, EVENT_TYPES, type Problem } from '../../src/schema/index.js'
import { suggestValues } from '../../src/schema/suggest.js'

const problemsOf = (input: unknown): ReadonlyArray<Problem> => {
  const decoded = decodeMessage(input)
  if (E.isLeft(decoded)) throw new Error('fatal')
  return decoded.right.problems
}

const batch = (event: Record<string, unknown>) => ({
  type: 'event_processing_request',
  id: '6a0d6f8e-3c7b-4b3e-9d2a-1f4e5c6b7a80',
  timestamp_ms: 1,
  firehose_version: '2.8.0',
  account: { account_id: 1, account_settings: {} },
  events: [{ id: '0b8f5c1e-2d4a-4e6b-8c9d-7a1b2c3d4e5f', timestamp_ms: 1, ...event }],
})

describe('enum problems', () => {
  it('list the allowed values and say what commerce_event arrives as', () => {
    const [problem] = problemsOf(batch({ type: 'commerce_event' }))
    expect(problem?.path).toBe('/events/0/type')
    for (const type of EVENT_TYPES) expect(problem?.expected).toContain(JSON.stringify(type))
    expect(problem?.hint).toBe('did you mean "product_action", "promotion_action" or "impression"?')
    expect(problem?.message).toContain('did you mean "product_action"')
  })

  it('suggest the value a typo or another case meant, and nothing for a stranger', () => {
    expect(suggestValues('custom_evnt', EVENT_TYPES)).toEqual(['custom_event'])
    expect(suggestValues('Screen View', EVENT_TYPES)).toEqual(['screen_view'])
    expect(suggestValues('holograms', EVENT_TYPES)).toEqual([])
    expect(suggestValues(7, EVENT_TYPES)).toEqual([])
  })

  it('hint on enum fields too, never echoing the value received', () => {
    const [problem] = problemsOf(batch({ type: 'custom_event', name: 'x', custom_event_type: 'navigaton' }))
    expect(problem?.path).toBe('/events/0/custom_event_type')
    expect(problem?.hint).toBe('did you mean "navigation"?')
    expect(problem?.message).not.toContain('navigaton')
  })
})

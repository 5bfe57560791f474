import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MESSAGE_TYPES, decodeMessage, encodeMessage, type Message, type MessageType } from '../../src/schema/index.js'
import * as arbs from '../../src/testing/arbitraries.js'
import { javaFixture, javaFixtureNames, sharedAvailable } from '../support/shared.js'
import { ownFixture, ownFixtureNames, viaJson } from './support.js'

const arbByType: Record<MessageType, fc.Arbitrary<Message>> = {
  module_registration_request: arbs.arbModuleRegistrationRequest,
  module_registration_response: arbs.arbModuleRegistrationResponse,
  event_processing_request: arbs.arbEventProcessingRequest,
  event_processing_response: arbs.arbEventProcessingResponse,
  audience_subscription_request: arbs.arbAudienceSubscriptionRequest,
  audience_subscription_response: arbs.arbAudienceSubscriptionResponse,
  audience_membership_change_request: arbs.arbAudienceMembershipChangeRequest,
  audience_membership_change_response: arbs.arbAudienceMembershipChangeResponse,
  dsr_processing_request: arbs.arbDsrProcessingRequest,
  dsr_processing_response: arbs.arbDsrProcessingResponse,
}

const noThrow = (input: unknown): void => {
  for (const mode of ['lenient', 'strict'] as const) {
    const result = decodeMessage(input, { mode })
    expect(result._tag === 'Left' || result._tag === 'Right').toBe(true)
  }
}

/** JSON-safe: survives JSON text unchanged, with no NaN, Infinity or -0 anywhere. */
const isJsonSafe = (value: unknown): boolean => {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (Array.isArray(value)) return value.every(isJsonSafe)
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isJsonSafe)
  return true
}

describe('properties', () => {
  it.each(MESSAGE_TYPES)('%s: decode(encode(x)) equals x (strict, after a JSON round trip)', (type) => {
    fc.assert(
      fc.property(arbByType[type], (message) => {
        expect(message.type).toBe(type)
        expect(isJsonSafe(message)).toBe(true)
        const result = decodeMessage(viaJson(encodeMessage(message)), { mode: 'strict' })
        if (result._tag === 'Left') expect.fail(result.left.message)
        expect(result.right.message).toEqual(message)
      }),
      { numRuns: 60 },
    )
  })

  it('model arbitraries produce values their codecs accept', async () => {
    const schema = await import('../../src/schema/index.js')
    const pairs: Array<[fc.Arbitrary<unknown>, { is: (u: unknown) => boolean }]> = [
      [arbs.arbEvent, schema.Event],
      [arbs.arbEventOfType('product_action'), schema.ProductActionEvent],
      [arbs.arbRuntimeEnvironment, schema.RuntimeEnvironment],
      [arbs.arbSystemNotification, schema.SystemNotification],
      [arbs.arbUserProfile, schema.UserProfile],
      [arbs.arbSetting, schema.Setting],
      [arbs.arbAccount(), schema.Account],
      [arbs.arbAccount({ apiKey: fc.string({ minLength: 1 }), sandbox: fc.constantFrom('true', 'false', null) }), schema.Account],
      [arbs.arbMessage, schema.Message],
    ]
    for (const [arb, codec] of pairs)
      fc.assert(
        fc.property(arb, (value) => codec.is(value) && isJsonSafe(value)),
        { numRuns: 40 },
      )
  })

  it('decodeMessage never throws on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), noThrow), { numRuns: 300 })
    fc.assert(
      fc.property(fc.constantFrom(...MESSAGE_TYPES), fc.dictionary(fc.string(), fc.jsonValue()), (type, rest) => noThrow({ ...rest, type, id: 'x', timestamp_ms: 1 })),
      { numRuns: 300 },
    )
  })

  const fixtures = [...ownFixtureNames().map((name) => ownFixture(name)), ...(sharedAvailable ? javaFixtureNames().map((name) => javaFixture(name)) : [])]

  it('decodeMessage never throws on mutated fixtures', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 4 }), (fixture, mutations) => {
        const copy = structuredClone(fixture) as unknown
        for (const [seed, replacement] of mutations) replaceSomewhere(copy, seed, replacement)
        noThrow(copy)
      }),
      { numRuns: 300 },
    )
  })
})

/** Replaces one value somewhere inside `root` (chosen by `seed`) with `replacement`. */
const replaceSomewhere = (root: unknown, seed: number, replacement: unknown): void => {
  const slots: Array<[Record<string, unknown> | unknown[], string | number]> = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((child, i) => (slots.push([node, i]), walk(child)))
    else if (typeof node === 'object' && node !== null)
      for (const [key, child] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key])
        walk(child)
      }
  }
  walk(root)
  if (slots.length === 0) return
  const [parent, key] = slots[seed % slots.length]
  ;(parent as Record<string | number, unknown>)[key] = replacement
}

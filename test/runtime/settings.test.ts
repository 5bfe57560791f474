import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeSettings, encodeSettings, setting } from '../../src/definition/settings.js'

const declared = {
  apiKey: setting.text({ name: 'API Key', required: true, confidential: true }),
  region: setting.text({ name: 'Region', default: 'us' }),
  listId: setting.integer({ name: 'List', required: true, min: 1 }),
  ratio: setting.float({ name: 'Ratio', default: 0.5, max: 1 }),
  sandbox: setting.boolean({ name: 'Sandbox', default: false }),
  optionalCount: setting.integer({ name: 'Count' }),
}

const good = { apiKey: 'k-123', region: 'eu', listId: '42', ratio: '0.25', sandbox: 'TRUE', optionalCount: '7' }

describe('decodeSettings', () => {
  it('types every kind from the strings mParticle sends', () => {
    expect(decodeSettings(declared, good)).toEqual(E.right({ apiKey: 'k-123', region: 'eu', listId: 42, ratio: 0.25, sandbox: true, optionalCount: 7 }))
  })

  it('accepts booleans in any case and numbers given as JSON numbers', () => {
    const result = decodeSettings(declared, { ...good, sandbox: 'False', listId: 42 as unknown as string })
    expect(E.isRight(result) && result.right.sandbox).toBe(false)
    expect(E.isRight(result) && result.right.listId).toBe(42)
  })

  it('applies defaults when a value is missing or null, and leaves optional ones absent', () => {
    const result = decodeSettings(declared, { apiKey: 'k', listId: '1', region: null, ratio: null, sandbox: null })
    expect(result).toEqual(E.right({ apiKey: 'k', listId: 1, region: 'us', ratio: 0.5, sandbox: false }))
  })

  it.each([
    ['missing', {}],
    ['null', { apiKey: null }],
  ])('a required text setting %s is a failure naming the setting', (_, values) => {
    const result = decodeSettings(declared, { ...good, ...values, apiKey: (values as { apiKey?: null }).apiKey ?? undefined })
    expect(E.isLeft(result) && result.left.ids).toContain('apiKey')
  })

  it.each([
    ['integer', { listId: 'forty-two' }, 'listId'],
    ['integer with a fraction', { listId: '4.2' }, 'listId'],
    ['integer below min', { listId: '0' }, 'listId'],
    ['float', { ratio: 'half' }, 'ratio'],
    ['float above max', { ratio: '1.5' }, 'ratio'],
    ['boolean', { sandbox: 'yes' }, 'sandbox'],
    ['an array', { region: ['eu'] }, 'region'],
  ])('a malformed %s is a failure that names the setting but not its value', (_, values, id) => {
    const result = decodeSettings(declared, { ...good, ...(values as Record<string, unknown>) })
    expect(E.isLeft(result)).toBe(true)
    if (E.isLeft(result)) {
      expect(result.left.ids).toEqual([id])
      expect(result.left.reason).not.toContain('forty-two')
      expect(result.left.reason).not.toContain('half')
    }
  })

  it('treats a missing account_settings map as no values', () => {
    expect(E.isLeft(decodeSettings(declared, undefined))).toBe(true)
    expect(decodeSettings({ sandbox: setting.boolean({ name: 'S' }) }, null)).toEqual(E.right({ sandbox: false }))
  })

  it('keeps __proto__ as data', () => {
    const odd = Object.defineProperty({}, '__proto__', { value: setting.text({ name: 'odd' }), enumerable: true })
    const result = decodeSettings(odd as never, JSON.parse('{"__proto__":"x"}'))
    expect(E.isRight(result) && Object.getPrototypeOf(result.right)).toBe(null)
  })
})

describe('encodeSettings', () => {
  it('writes typed values back as strings and refuses undeclared keys', () => {
    expect(encodeSettings(declared, { listId: 42, sandbox: true })).toEqual({ listId: '42', sandbox: 'true' })
    expect(() => encodeSettings(declared, { nope: 1 })).toThrow(/not a declared/)
  })
})

describe('boolean whenAbsent', () => {
  it('is the value when mParticle sends none, while default stays what the UI pre-checks', () => {
    const declared = { coerce: setting.boolean({ name: 'Coerce', default: true, whenAbsent: false }) }
    expect(decodeSettings(declared, {})).toEqual(E.right({ coerce: false }))
    expect(decodeSettings(declared, { coerce: null })).toEqual(E.right({ coerce: false }))
    expect(decodeSettings(declared, { coerce: 'true' })).toEqual(E.right({ coerce: true }))
  })
})

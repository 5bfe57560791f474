import fc from 'fast-check'
import type { AnySetting, NumberSettingOptions, SettingsDeclaration } from '../definition/settings.js'

/** Setting values as mParticle sends them in `account_settings`: strings, `null`, or absent. */
export type SettingStrings = Record<string, string | null>

/** Whether setting arbitraries also generate invalid values and nulls. */
export interface SettingArbitraryOptions {
  /** Also generate values the SDK must refuse (malformed, out of range, required but missing). Default false. */
  readonly invalid?: boolean
  /** Also add keys no setting declares (the SDK ignores them). Default true. */
  readonly extraKeys?: boolean
  /** Whether `null` may stand for an absent value (true for `account_settings`, false for subscription settings). Default true. */
  readonly nulls?: boolean
}

const LIMIT = 1e9

const isRequired = (definition: AnySetting): boolean =>
  definition.kind !== 'boolean' && (definition.options as { required?: boolean }).required === true && definition.options.default === undefined

const padded = (value: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: value.map((text) => ` ${text} `) })

const integerText = (options: NumberSettingOptions): fc.Arbitrary<string> => {
  const min = Math.ceil(options.min ?? -LIMIT)
  const max = Math.floor(options.max ?? LIMIT)
  return padded(fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }).map(String))
}

const floatText = (options: NumberSettingOptions): fc.Arbitrary<string> => {
  const min = options.min ?? -LIMIT
  const max = options.max ?? LIMIT
  return padded(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => String(x === 0 ? 0 : x)))
}

/** A string the SDK reads as a good value of this setting (respecting `min` and `max`). */
export const arbValidSettingText = (definition: AnySetting): fc.Arbitrary<string> => {
  switch (definition.kind) {
    case 'text':
      return fc.string({ minLength: 1, maxLength: 24 })
    case 'integer':
      return integerText(definition.options as NumberSettingOptions)
    case 'float':
      return floatText(definition.options as NumberSettingOptions)
    case 'boolean':
      return fc.constantFrom('true', 'false', 'TRUE', 'False')
  }
}

/** A string the SDK must refuse for this setting, or `undefined` when every string is acceptable (text). */
export const arbInvalidSettingText = (definition: AnySetting): fc.Arbitrary<string> | undefined => {
  const { min, max } = definition.options as NumberSettingOptions
  const outOfRange: fc.Arbitrary<string>[] = []
  if (min !== undefined && Number.isFinite(min) && min > -LIMIT * 10) outOfRange.push(fc.constant(String(Math.floor(min) - 1)))
  if (max !== undefined && Number.isFinite(max) && max < LIMIT * 10) outOfRange.push(fc.constant(String(Math.ceil(max) + 1)))
  switch (definition.kind) {
    case 'text':
      return undefined
    case 'integer':
      return fc.oneof(fc.constantFrom('abc', '1.5', '12px', '0x10', '1e3', '99999999999999999999'), ...outOfRange)
    case 'float':
      return fc.oneof(fc.constantFrom('abc', '1,5', 'NaN', 'Infinity', '--1', '1e999'), ...outOfRange)
    case 'boolean':
      return fc.constantFrom('yes', 'no', '1', '0', 'on', 'truee')
  }
}

/** A good value: present, or (when not required) absent / `null` / empty now and then. */
const arbGood = (definition: AnySetting, nulls: boolean): fc.Arbitrary<string | null | undefined> => {
  const valid = arbValidSettingText(definition)
  if (isRequired(definition)) return valid
  const blankValues: Array<string | null | undefined> = [undefined, ...(nulls ? [null] : []), ...(definition.kind === 'text' ? [] : [''])]
  const blanks = fc.constantFrom(...blankValues)
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: blanks })
}

const arbBad = (definition: AnySetting, nulls: boolean): fc.Arbitrary<string | null | undefined> | undefined => {
  const invalid = arbInvalidSettingText(definition)
  const missing = isRequired(definition) ? fc.constantFrom<string | null | undefined>(undefined, ...(nulls ? [null] : [])) : undefined
  const choices = [invalid, missing].filter((a): a is fc.Arbitrary<string | null | undefined> => a !== undefined)
  return choices.length === 0 ? undefined : fc.oneof(...choices)
}

const withoutUndefined = (record: Record<string, string | null | undefined>): SettingStrings => {
  const out: SettingStrings = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value
  return out
}

/**
 * `account_settings` for the declared settings. Without `invalid`, the SDK always reads them
 * successfully; with it, about one value in three makes the whole set unreadable (a configuration
 * error the SDK answers with suspend), when the declaration allows a bad value at all.
 */
export const arbSettingsFor = (declared: SettingsDeclaration = {}, options: SettingArbitraryOptions = {}): fc.Arbitrary<SettingStrings> => {
  const ids = Object.keys(declared)
  const nulls = options.nulls ?? true
  const good = fc.record(Object.fromEntries(ids.map((id) => [id, arbGood(declared[id], nulls)])), { noNullPrototype: true })
  const extras =
    options.extraKeys === false ? fc.constant({}) : fc.option(fc.dictionary(fc.constantFrom('legacyKey', 'unknown_setting', 'x'), fc.string({ maxLength: 8 })), { nil: {} })
  const base = fc.tuple(good, extras).map(([values, extra]) => withoutUndefined({ ...extra, ...values }))
  if (!options.invalid) return base
  const spoilable = ids.map((id) => ({ id, bad: arbBad(declared[id], nulls) })).filter((entry) => entry.bad !== undefined)
  if (spoilable.length === 0) return base
  const spoiled = fc
    .tuple(
      base,
      fc.constantFrom(...spoilable).chain(({ id, bad }) => bad!.map((value) => ({ id, value }))),
    )
    .map(([values, { id, value }]) => withoutUndefined({ ...values, [id]: value }))
  return fc.oneof({ weight: 2, arbitrary: base }, { weight: 1, arbitrary: spoiled })
}

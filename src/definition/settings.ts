import * as E from 'fp-ts/lib/Either.js'

/** The four setting kinds of the registration. */
export type SettingKind = 'text' | 'integer' | 'float' | 'boolean'

interface CommonSettingOptions {
  /** Label shown in mParticle's UI. */
  readonly name: string
  /** Tooltip; mParticle shows it as plain text. */
  readonly description?: string
  readonly required?: boolean
  /** `false` hides the setting in the UI (e.g. a partner-managed id). Visible by default. */
  readonly visible?: boolean
}
/** How a text setting is shown, checked and defaulted (`confidential` masks it in logs). */
export interface TextSettingOptions extends CommonSettingOptions {
  /** Masked in mParticle's UI and never printed by firehose-kit's logger. */
  readonly confidential?: boolean
  readonly default?: string
}
/** How a number setting is shown, bounded and defaulted. */
export interface NumberSettingOptions extends CommonSettingOptions {
  readonly default?: number
  readonly min?: number
  readonly max?: number
}
/** How a boolean setting is shown and defaulted. */
export interface BooleanSettingOptions extends Omit<CommonSettingOptions, 'required'> {
  /** What mParticle's UI pre-checks (`default_value` and `checked` in the registration). */
  readonly default?: boolean
  /**
   * The value when mParticle sends none (a configuration saved before the setting existed);
   * `default` unless said otherwise, else false.
   */
  readonly whenAbsent?: boolean
}
export type SettingOptions = TextSettingOptions | NumberSettingOptions | BooleanSettingOptions

/**
 * A declared setting. `V` is the decoded value type, `P` whether a value is always present
 * (required, or with a default); the phantom fields carry them for `SettingValues`.
 */
export interface SettingDefinition<K extends SettingKind = SettingKind, V = unknown, P extends boolean = boolean> {
  readonly kind: K
  readonly options: SettingOptions
  readonly _value?: V
  readonly _present?: P
}
export type AnySetting = SettingDefinition<SettingKind, any, boolean>
/** Settings by key, each made with `setting.text`, `.integer`, `.float` or `.boolean`. */
export type SettingsDeclaration = Readonly<Record<string, AnySetting>>

type Present<O> = O extends { required: true } ? true : O extends { default: string | number | boolean } ? true : false

/** Declares one setting: what mParticle shows the customer, and how the string it sends is parsed into `ctx.settings`. */
export const setting = {
  /** A text setting (`confidential: true` masks its value in every log line). */
  text: <const O extends TextSettingOptions>(options: O): SettingDefinition<'text', string, Present<O>> => ({ kind: 'text', options }),
  /** An integer setting, parsed from the string mParticle sends. */
  integer: <const O extends NumberSettingOptions>(options: O): SettingDefinition<'integer', number, Present<O>> => ({ kind: 'integer', options }),
  /** A decimal number setting, parsed from the string mParticle sends. */
  float: <const O extends NumberSettingOptions>(options: O): SettingDefinition<'float', number, Present<O>> => ({ kind: 'float', options }),
  /** A boolean always has a value: `default` when absent, `false` if no default was declared. */
  boolean: (options: BooleanSettingOptions): SettingDefinition<'boolean', boolean, true> => ({ kind: 'boolean', options }),
}

/** The typed values handlers read in `ctx.settings`. */
export type SettingValues<S> = {
  readonly [K in keyof S]: S[K] extends SettingDefinition<any, infer V, infer P> ? (P extends true ? V : V | undefined) : never
}

/** Why settings could not be read; `ids` names the settings, never their values. */
export interface SettingsFailure {
  readonly reason: string
  readonly ids: ReadonlyArray<string>
}

const INTEGER = /^[+-]?\d+$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const parseValue = (kind: SettingKind, text: string): E.Either<string, string | number | boolean> => {
  const trimmed = text.trim()
  switch (kind) {
    case 'text':
      return E.right(text)
    case 'boolean': {
      const lower = trimmed.toLowerCase()
      return lower === 'true' ? E.right(true) : lower === 'false' ? E.right(false) : E.left('expected "true" or "false"')
    }
    case 'integer': {
      if (!INTEGER.test(trimmed)) return E.left('expected an integer')
      const value = Number(trimmed)
      return Number.isSafeInteger(value) ? E.right(value) : E.left('expected an integer within ±2^53')
    }
    case 'float': {
      if (!FLOAT.test(trimmed)) return E.left('expected a number')
      const value = Number(trimmed)
      return Number.isFinite(value) ? E.right(value) : E.left('expected a finite number')
    }
  }
}

const checkRange = (definition: AnySetting, value: number): string | undefined => {
  const { min, max } = definition.options as NumberSettingOptions
  if (min !== undefined && value < min) return `expected at least ${min}`
  if (max !== undefined && value > max) return `expected at most ${max}`
  return undefined
}

const fallback = (definition: AnySetting): string | number | boolean | undefined =>
  definition.kind === 'boolean'
    ? ((definition.options as BooleanSettingOptions).whenAbsent ?? (definition.options as BooleanSettingOptions).default ?? false)
    : definition.options.default

/**
 * Reads declared settings from the strings mParticle sends (`"false"`, `"123"`; `null` counts as
 * absent; an empty string counts as absent for every kind but text). Undeclared keys are ignored.
 */
export const decodeSettings = <S extends SettingsDeclaration>(
  declared: S,
  values: Readonly<Record<string, unknown>> | null | undefined,
  options: { readonly enforceRequired?: boolean } = {},
): E.Either<SettingsFailure, SettingValues<S>> => {
  const enforceRequired = options.enforceRequired ?? true
  const out: Record<string, unknown> = Object.create(null)
  const problems: string[] = []
  const ids: string[] = []
  for (const id of Object.keys(declared)) {
    const definition = declared[id]
    const raw = values != null && Object.prototype.hasOwnProperty.call(values, id) ? values[id] : undefined
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined
    const absent = text === undefined || (definition.kind !== 'text' && text.trim() === '')
    if (raw !== undefined && raw !== null && text === undefined) {
      problems.push(`setting "${id}": expected a string, found ${Array.isArray(raw) ? 'array' : typeof raw}`)
      ids.push(id)
      continue
    }
    if (absent) {
      const value = fallback(definition)
      if (value === undefined && enforceRequired && (definition.options as CommonSettingOptions).required) {
        problems.push(`setting "${id}" is required but missing`)
        ids.push(id)
      }
      if (value !== undefined) out[id] = value
      continue
    }
    const parsed = parseValue(definition.kind, text)
    if (E.isLeft(parsed)) {
      problems.push(`setting "${id}": ${parsed.left}`)
      ids.push(id)
      continue
    }
    const outOfRange = typeof parsed.right === 'number' ? checkRange(definition, parsed.right) : undefined
    if (outOfRange !== undefined) {
      problems.push(`setting "${id}": ${outOfRange}`)
      ids.push(id)
      continue
    }
    out[id] = parsed.right
  }
  return problems.length > 0 ? E.left({ reason: problems.join('; '), ids }) : E.right(out as SettingValues<S>)
}

/** Writes typed values back as the strings mParticle stores (for `audience_subscription_settings`). */
export const encodeSettings = (declared: SettingsDeclaration, values: Readonly<Record<string, unknown>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [id, value] of Object.entries(values)) {
    if (!Object.prototype.hasOwnProperty.call(declared, id)) throw new TypeError(`"${id}" is not a declared subscription setting`)
    if (value === undefined || value === null) continue
    // Setting values are text, numbers and booleans; anything else is written as its JSON, never as `[object Object]`.
    out[id] = typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean | bigint)
  }
  return out
}

/** The values of confidential settings present in `values`, for the logger to mask. */
export const confidentialValues = (declared: SettingsDeclaration, values: Readonly<Record<string, unknown>> | null | undefined): string[] => {
  const secrets: string[] = []
  if (values == null) return secrets
  for (const [id, definition] of Object.entries(declared)) {
    const value = values[id]
    if ((definition.options as TextSettingOptions).confidential && typeof value === 'string' && value !== '') secrets.push(value)
  }
  return secrets
}

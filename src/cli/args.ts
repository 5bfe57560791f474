import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './cli-error.js'

type Options = NonNullable<ParseArgsConfig['options']>

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>
  readonly positionals: string[]
}

/** Strict parsing: an unknown option or a missing value is a usage error (exit 2), not a crash. */
export const parse = (argv: ReadonlyArray<string>, options: Options): Parsed => {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true })
    return { values: values as Parsed['values'], positionals }
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''))
  }
}

/** Exactly `count` positionals, named in the message when they are missing or too many. */
export const positionals = (parsed: Parsed, names: ReadonlyArray<string>): string[] => {
  const given = parsed.positionals
  if (given.length < names.length) throw new UsageError(`missing <${names[given.length]}>`)
  if (given.length > names.length) throw new UsageError(`unexpected argument: ${given[names.length]}`)
  return given
}

export const stringOption = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.values[name]
  return typeof value === 'string' ? value : undefined
}

export const integerOption = (parsed: Parsed, name: string, { min, max }: { min: number; max: number }): number | undefined => {
  const text = stringOption(parsed, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`)
  return value
}

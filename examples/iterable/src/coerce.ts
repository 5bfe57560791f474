/**
 * Iterable's Java integration turns mParticle's string attributes into scalars this way:
 * "true"/"false" in any case become booleans; a decimal whose value is whole becomes an integer
 * only if the text is a plain 32-bit integer (so "1.0" and "2147483648" stay strings); any other
 * decimal becomes a double. Empty strings and everything else stay as they are.
 */
const JAVA_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/
const PLAIN_INTEGER = /^[+-]?\d+$/
const INT32_MIN = -2_147_483_648
const INT32_MAX = 2_147_483_647

export type Scalar = string | number | boolean

export const coerceScalar = (value: string): Scalar => {
  if (value === '') return value
  const lower = value.toLowerCase()
  if (lower === 'true' || lower === 'false') return lower === 'true'
  const trimmed = value.trim()
  if (!JAVA_DECIMAL.test(trimmed)) return value
  const number = Number(trimmed.replace(/[fFdD]$/, ''))
  if (!Number.isFinite(number)) return value
  if (number % 1 !== 0) return number
  if (!PLAIN_INTEGER.test(value)) return value
  const integer = Number(value)
  return integer >= INT32_MIN && integer <= INT32_MAX ? integer + 0 : value
}

const MPARTICLE_PHONE = '$Mobile'
const ITERABLE_PHONE = 'phoneNumber'

type Attributes = Readonly<Record<string, string | null | undefined>> | null | undefined

/** Attribute values as they are or coerced; null values are left out (as Gson drops nulls). */
export const attributeFields = (attributes: Attributes, coerce: boolean): Record<string, Scalar> | undefined => {
  if (attributes === null || attributes === undefined) return undefined
  const out: Record<string, Scalar> = {}
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') continue
    out[key] = coerce ? coerceScalar(value) : value
  }
  return out
}

/** `dataFields` for users and products: `$Mobile` renamed `phoneNumber` (digits and `+` only), then coerced per setting. */
export const dataFields = (attributes: Attributes, coerce: boolean): Record<string, Scalar> | undefined => {
  if (attributes === null || attributes === undefined) return undefined
  const renamed: Record<string, string | null | undefined> = { ...attributes }
  const phone = renamed[MPARTICLE_PHONE]
  if (Object.prototype.hasOwnProperty.call(renamed, MPARTICLE_PHONE)) {
    delete renamed[MPARTICLE_PHONE]
    if (typeof phone === 'string') renamed[ITERABLE_PHONE] = phone.replace(/[^0-9+]/g, '')
  }
  return attributeFields(renamed, coerce)
}

/**
 * The personal data of a message that failure reasons and log lines must not carry: every identity
 * value (`{ type, value }` objects: user identities, profiles' identities, DSR subject identities)
 * and every string anywhere in the message that looks like an email address or a phone number.
 * Found lazily, only when something fails, by one bounded walk of the message.
 */

const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,200}\.[^\s@]{1,50}$/
const PHONE = /^\+?[\d\s().-]{7,30}$/
const DIGITS = /\d/g

/** Nodes visited at most: a 6 MB message has far fewer than this many values that matter. */
const MAX_NODES = 500_000
/** Values collected at most (the masking cost grows with the list). */
const MAX_VALUES = 2_000

const looksPersonal = (text: string): boolean => EMAIL.test(text) || (PHONE.test(text) && (text.match(DIGITS)?.length ?? 0) >= 7)

export const personalData = (message: unknown): string[] => {
  const found = new Set<string>()
  const stack: unknown[] = [message]
  let visited = 0
  while (stack.length > 0 && visited < MAX_NODES && found.size < MAX_VALUES) {
    const value = stack.pop()
    visited++
    if (typeof value === 'string') {
      if (value.length >= 4 && value.length <= 400 && looksPersonal(value)) found.add(value)
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item)
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>
      // An identity: its value is personal whatever it looks like (a customer id, an advertising id...).
      if (typeof record.value === 'string' && (typeof record.type === 'string' || typeof record.encoding === 'string') && record.value.length >= 4) found.add(record.value)
      for (const key of Object.keys(record)) stack.push(record[key])
    }
  }
  return [...found]
}

/** Computes a message's personal data once, on first use. */
export const lazyPersonalData = (message: unknown): (() => ReadonlyArray<string>) => {
  let values: string[] | undefined
  return () => (values ??= personalData(message))
}

/**
 * "Did you mean": for a string that is not one of an enum's values, the values it most likely
 * meant. Only enum values are ever shown, never the string received.
 */

/** Names people use for what the protocol spells differently. */
const ALIASES: Readonly<Record<string, ReadonlyArray<string>>> = {
  commerce_event: ['product_action', 'promotion_action', 'impression'],
  commerce: ['product_action', 'promotion_action', 'impression'],
  ecommerce: ['product_action', 'promotion_action', 'impression'],
  purchase: ['product_action'],
  event: ['custom_event'],
  screen: ['screen_view'],
  page_view: ['screen_view'],
  crash: ['error'],
  identify: ['user_identity_change'],
  user_attribute: ['user_attribute_change'],
  consent: ['gdpr_consent_state', 'ccpa_consent_state'],
}

const normalize = (value: string): string => value.toLowerCase().replace(/[\s-]+/g, '_')

/** Levenshtein distance, stopping early past `max`. */
const distance = (a: string, b: string, max: number): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      best = Math.min(best, current[j]!)
    }
    if (best > max) return max + 1
    previous = current
  }
  return previous[b.length]!
}

/** The values `received` most likely meant: an alias, the same value in another case or spelling, or one a typo away. */
export const suggestValues = (received: unknown, values: ReadonlyArray<string>): string[] => {
  if (typeof received !== 'string' || received.length === 0 || received.length > 64) return []
  const known = new Set(values)
  const wanted = normalize(received)
  const aliased = (ALIASES[wanted] ?? []).filter((value) => known.has(value))
  if (aliased.length > 0) return aliased
  const same = values.filter((value) => normalize(value) === wanted)
  if (same.length > 0) return same
  const max = wanted.length <= 4 ? 1 : 2
  const scored = values.map((value) => [value, distance(wanted, normalize(value), max)] as const).filter(([, d]) => d <= max)
  const best = Math.min(...scored.map(([, d]) => d))
  return scored.filter(([, d]) => d === best).map(([value]) => value)
}

/** `did you mean "a", "b" or "c"?`, or nothing. */
export const didYouMean = (received: unknown, values: ReadonlyArray<string>): string | undefined => {
  const suggestions = suggestValues(received, values).map((value) => JSON.stringify(value))
  if (suggestions.length === 0) return undefined
  const listed = suggestions.length === 1 ? suggestions[0] : `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1)}`
  return `did you mean ${listed}?`
}

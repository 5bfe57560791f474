/**
 * Splits items, in order, into consecutive groups of at most `maxCount` items whose sizes add up to
 * at most `maxBytes`. An item larger than `maxBytes` on its own gets a group of its own.
 */
export const pack = <T>(items: ReadonlyArray<T>, maxCount: number, maxBytes: number, sizeOf: (item: T) => number): T[][] => {
  const groups: T[][] = []
  let current: T[] = []
  let used = 0
  for (const item of items) {
    const size = maxBytes === Infinity ? 0 : sizeOf(item)
    if (current.length > 0 && (current.length >= maxCount || used + size > maxBytes)) {
      groups.push(current)
      current = []
      used = 0
    }
    current.push(item)
    used += size
  }
  if (current.length > 0) groups.push(current)
  return groups
}

/**
 * `JSON.stringify` that answers `undefined` instead of throwing: a value nested deeper than the
 * stack allows (JSON.parse reads 10,000 levels, JSON.stringify throws a RangeError on them), a cycle
 * or a BigInt in partner-built data. Callers decide what an unserialisable value means (a permanent
 * failure of that item), instead of an exception that would be retried forever.
 */
export const safeStringify = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

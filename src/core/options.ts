/**
 * Rejects option keys the callee does not know, naming the key and the known ones: a typo such as
 * `budgetMS` would otherwise be ignored silently. `undefined` values pass (spreading partial options is common).
 */
export const rejectUnknownOptions = (where: string, options: object | undefined, known: ReadonlyArray<string>): void => {
  if (options === undefined || options === null) return
  if (typeof options !== 'object') throw new TypeError(`${where}: options must be an object`)
  const unknown = Object.keys(options).filter((key) => !known.includes(key) && (options as Record<string, unknown>)[key] !== undefined)
  if (unknown.length === 0) return
  const names = unknown.map((key) => JSON.stringify(key)).join(', ')
  throw new TypeError(`${where}: unknown option${unknown.length > 1 ? 's' : ''} ${names}; known options: ${[...known].sort().join(', ')}`)
}

/** The keys of an options interface, listed once so that the compiler checks the list is complete. */
export const optionKeys = <T>(keys: { readonly [K in keyof Required<T>]: true }): ReadonlyArray<string> => Object.keys(keys)

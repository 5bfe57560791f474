import { afterWarmUp } from './warm-up.js'

/**
 * `indexOf` for a fixed list of strings, as a compiled `switch`: a string `JSON.parse` has just made
 * (an event's `type`) has no hash yet, and a `Map.get` or an object's keyed load computes it (about
 * 25 ns) where the `switch` compares it with the few strings of the list (about 6 ns for the 16
 * event types). -1 for a string not in the list. The source is made from the schema's own strings
 * (quoted with JSON.stringify), never from input, and compiled once the list has been used a while
 * (cold starts): until then `keys.indexOf` gives the same answers.
 */
export const stringIndex = (keys: ReadonlyArray<string>): ((text: string) => number) =>
  afterWarmUp(
    (text: string) => keys.indexOf(text),
    () => compile(keys),
  )

const compile = (keys: ReadonlyArray<string>): ((text: string) => number) => {
  const cases = keys.map((key, index) => `case ${JSON.stringify(key)}: return ${index}`).join('; ')
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is the schema's own strings, never input (see above)
  return new Function('text', `switch (text) { ${cases}; default: return -1 }`) as (text: string) => number
}

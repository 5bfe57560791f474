import { describe, expect, it } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { parse } from 'acorn'
import { arrowsToFunctions } from '../../src/cli/arrows-to-functions.js'

/** Imports a module from its text (each text once: imports are cached by URL). */
const load = (code: string): Promise<Record<string, unknown>> => import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)

const arrowsIn = (code: string): number => {
  let count = 0
  parse(code, { ecmaVersion: 'latest', sourceType: 'module', onToken: (token) => void (token.type.label === '=>' && count++) })
  return count
}

describe('arrowsToFunctions', () => {
  it('turns arrows into functions that answer the same, with the same names and lengths', async () => {
    const code = `
      export const add = (a, b) => a + b
      export const double = a => a * 2
      export const record = () => ({ a: 1 })
      export const sum = (...xs) => xs.reduce((s, x) => s + x, 0)
      export const pick = ({ a }, [b], c = () => 3) => a + b + c()
      export const curried = a => b => a - b
      export const later = async (a) => a + 1
      export const later2 = async a => { return a + 2 }
      export const holder = { method: () => 'method' }
      export class Fields { field = () => 'field' }
      function inner() { return()=>'inner' }
      export const viaReturn = inner()
    `
    const rewritten = arrowsToFunctions(code)
    expect(arrowsIn(rewritten)).toBe(0)
    const [before, after] = await Promise.all([load(code), load(rewritten)])
    const exercise = async (m: Record<string, any>) => [
      m.add(1, 2),
      m.double(4),
      m.record(),
      m.sum(1, 2, 3),
      m.pick({ a: 1 }, [2]),
      m.curried(5)(3),
      await m.later(1),
      await m.later2(1),
      m.holder.method(),
      new m.Fields().field(),
      m.viaReturn(),
      [m.add.name, m.double.name, m.holder.method.name, m.add.length, m.pick.length],
    ]
    expect(await exercise(after)).toEqual(await exercise(before))
    expect((after.add as () => void).prototype).toBeDefined()
    expect((before.add as () => void).prototype).toBeUndefined()
  })

  it('keeps an arrow that reads this, arguments, super or new.target from around it, and the arrows around that one', async () => {
    const code = `
      export function self() { return () => () => this }
      export function args() { return () => arguments[0] }
      export function target() { return () => new.target }
      class Base { name() { return 'base' } }
      export class Derived extends Base { name() { return (() => super.name())() } }
      export class Bound { value = 1; read = () => this.value }
    `
    const rewritten = arrowsToFunctions(code)
    expect(arrowsIn(rewritten)).toBe(arrowsIn(code))
    const m = await load(rewritten)
    const marker = {}
    expect((m.self as () => () => () => unknown).call(marker)()()).toBe(marker)
    expect((m.args as (x: number) => () => number)(7)()).toBe(7)
    expect(new (m.Derived as new () => { name: () => string })().name()).toBe('base')
    const bound = new (m.Bound as new () => { read: () => number })()
    expect([bound.read].map((read) => read())[0]).toBe(1)
  })

  it('keeps statements statements, comments out of the way of `return`, and `=>` in strings, templates and regular expressions', async () => {
    const code = [
      'export let seen = 0',
      'a => a, seen++',
      'export default () => "default"',
      'export const commented = (a) /* => */ => /* c */ a',
      'export const lineBreak = a => // a comment',
      '  a + 1',
      'export const texts = () => ["=>", `=>${"=>"}`, /=>/.source]',
    ].join('\n')
    const rewritten = arrowsToFunctions(code)
    expect(arrowsIn(rewritten)).toBe(0)
    const m = await load(rewritten)
    expect(m.seen).toBe(1)
    expect((m.default as () => string)()).toBe('default')
    expect((m.commented as (a: number) => number)(4)).toBe(4)
    expect((m.lineBreak as (a: number) => number)(4)).toBe(5)
    expect((m.texts as () => string[])()).toEqual(['=>', '=>=>', '=>'])
  })

  it('leaves a module without arrows as it was', () => {
    const code = 'export function f(a) { return a }\nexport const g = function () { return this }\n'
    expect(arrowsToFunctions(code)).toBe(code)
  })
})

/**
 * Random nested expressions of arrows (of every shape: bare and parenthesised parameters, defaults,
 * expression and block bodies, object literals, immediately called or passed on), some reading
 * `this` or `arguments` of the function around them: the rewritten module computes the same.
 */
const { expr } = fc.letrec<{ expr: string; arrow: string; body: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 9 }).map(String),
    fc.constantFrom('this.k', 'arguments[0]'),
    fc.tuple(tie('arrow'), tie('expr')).map(([arrow, arg]) => `(${arrow})(${arg})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a} + ${b})`),
    fc.tuple(tie('arrow'), tie('expr')).map(([arrow, arg]) => `[${arg}].map(${arrow})[0]`),
  ),
  arrow: fc.oneof(
    tie('body').map((body) => `x => ${body}`),
    tie('body').map((body) => `(x, y = 2) => ${body}`),
    tie('body').map((body) => `({ x = 1 }) => ${body}`),
    tie('body').map((body) => `(x) => { const z = ${body}; return z }`),
    tie('body').map((body) => `(x) => ({ v: ${body} }).v`),
  ),
  body: fc.oneof(
    tie('expr').map((e) => `(x + ${e})`),
    tie('expr').map((e) => `(${e} * 2)`),
    fc.constant('x'),
  ),
}))

describe('arrowsToFunctions on generated code', () => {
  test.prop([expr], { numRuns: 60 })('computes the same', async (expression) => {
    const code = `export const value = (function () { return ${expression} }).call({ k: 3 }, 5)\n`
    const rewritten = arrowsToFunctions(code)
    const [before, after] = await Promise.all([load(code), load(rewritten)])
    expect(after.value).toEqual(before.value)
    if (!/this|arguments/.test(expression)) expect(arrowsIn(rewritten)).toBe(0)
  })
})

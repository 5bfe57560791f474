import { parse, tokTypes, type Token } from 'acorn'

/**
 * Rewrites the arrow functions of an ES module as function expressions wherever the two mean the
 * same, for a bundle that loads faster.
 *
 * Why: V8 parses the code it is about to run (a module's top level, a function called for the first
 * time) in full, and only pre-parses the functions inside it (finds their scopes, builds no syntax
 * tree), leaving the full parse for when one is called. It does not pre-parse an arrow function there:
 * an arrow is parsed lazily only at a classic script's top level, so in an ES module every arrow
 * reachable from the top level through other arrows is parsed in full when the module loads, and
 * again when it is first called. firehose-kit is written in arrows; in the quickstart's bundle that
 * made compiling the module cost 14–16 ms instead of 8–9.
 *
 * An arrow and a function differ in what they bind: an arrow reads `this`, `arguments`, `super` and
 * `new.target` from around it, so an arrow that uses any of them (directly or in an inner arrow)
 * stays an arrow. Otherwise the difference shows only to code that looks for it: a function has a
 * `prototype`, can be called with `new`, and its source text reads `function`. That is why
 * `bundle()` rewrites firehose-kit's own modules only, which do none of that.
 */
export const arrowsToFunctions = (code: string): string => {
  const tokens: Token[] = []
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', onToken: tokens }) as unknown as AstNode
  const arrows: Arrow[] = []
  const statementStarts: StatementStarts = new Map()
  collect(program, arrows, statementStarts)
  arrows.sort((a, b) => a.start - b.start)

  /** The index of the first token at or after `position` (tokens are in order; comments are not tokens). */
  const tokenIndexAt = (position: number): number => {
    let low = 0
    let high = tokens.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (tokens[middle]!.start < position) low = middle + 1
      else high = middle
    }
    return low
  }
  const tokenAt = (position: number): Token => tokens[tokenIndexAt(position)]!

  let next = 0
  /** `code` from `start` to `end`, with the arrows in it rewritten (they come in order of their start). */
  const render = (start: number, end: number): string => {
    let text = ''
    let at = start
    while (next < arrows.length && arrows[next]!.start < end) {
      const arrow = arrows[next++]!
      text += code.slice(at, arrow.start)
      const rewritten = asFunction(arrow)
      text += /[\w$]$/.test(text) ? ` ${rewritten}` : rewritten
      at = arrow.end
    }
    return text + code.slice(at, end)
  }

  const asFunction = (arrow: Arrow): string => {
    const first = tokenAt(arrow.async ? arrow.start + 'async'.length : arrow.start)
    // The arrow's `=>`: the first after its parameters (an arrow in a default value comes before).
    let index = tokenIndexAt(arrow.params.at(-1)?.end ?? first.end)
    while (tokens[index]!.type !== tokTypes.arrow) index++
    const arrowToken = tokens[index]!
    const params = render(first.start, arrowToken.start).trimEnd()
    const head = `${arrow.async ? 'async ' : ''}function${first.type === tokTypes.parenL ? params : `(${params})`}`
    let body: string
    if (arrow.expression) {
      const bodyStart = tokenAt(arrowToken.end).start
      const between = code.slice(arrowToken.end, bodyStart)
      // `return` followed by a line break returns nothing: comments before the body go if they hold one.
      body = `{return${/[\n\r\u2028\u2029]/.test(between) || between === '' ? ' ' : between}${render(bodyStart, arrow.end)}}`
    } else {
      body = render(arrowToken.end, arrow.end)
    }
    // A statement or default export that starts with `function` declares one; keep it an expression
    // (a statement with `void`: one that starts with `(` would continue the line before it).
    const startsStatement = statementStarts.get(arrow.start)
    return startsStatement === 'statement' ? `void ${head}${body}` : startsStatement === 'default export' ? `(${head}${body})` : `${head}${body}`
  }

  return render(0, code.length)
}

/** Where an expression statement, or the declaration of a default export, starts. */
type StatementStarts = Map<number, 'statement' | 'default export'>

interface AstNode {
  readonly type: string
  readonly start: number
  readonly end: number
}

interface Arrow extends AstNode {
  readonly async: boolean
  readonly expression: boolean
  readonly params: ReadonlyArray<AstNode>
}

const isNode = (value: unknown): value is AstNode => typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string'

const childrenOf = (node: AstNode): AstNode[] => Object.values(node).flatMap((value: unknown) => (Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : []))

/** What an arrow reads from around it that a function would bind itself. */
const readsOuterBinding = (node: AstNode): boolean =>
  node.type === 'ThisExpression' ||
  node.type === 'Super' ||
  (node.type === 'MetaProperty' && (node as unknown as { meta: { name: string } }).meta.name === 'new') ||
  (node.type === 'Identifier' && (node as unknown as { name: string }).name === 'arguments')

/**
 * Finds the arrows that can be functions; answers whether `node` reads `this` (or the like) from
 * around it. A function binds its own, so that stops there; an arrow passes its body's on. A class
 * passes on what its members read too, which is more than it must (a field reads the instance's
 * `this`): an arrow kept for nothing costs a little time, never a change in behaviour.
 */
const collect = (node: AstNode, arrows: Arrow[], statementStarts: StatementStarts): boolean => {
  if (node.type === 'ExpressionStatement') statementStarts.set((node as unknown as { expression: AstNode }).expression.start, 'statement')
  if (node.type === 'ExportDefaultDeclaration') statementStarts.set((node as unknown as { declaration: AstNode }).declaration.start, 'default export')
  let reads = readsOuterBinding(node)
  for (const child of childrenOf(node)) reads = collect(child, arrows, statementStarts) || reads
  if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') return false
  if (node.type === 'ArrowFunctionExpression' && !reads) arrows.push(node as Arrow)
  return reads
}

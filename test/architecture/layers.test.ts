import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
  })

/** The unit a file belongs to: `middlewares`, `src/<folder>`, or `src/<file>.ts` for a file at the top of src. */
const unitOf = (file: string): string => {
  const parts = relative(root, file).split('/')
  if (parts[0] === 'middlewares') return 'middlewares'
  return parts.length > 2 ? `src/${parts[1]}` : `src/${parts[1]}`
}

// `import type` and `export type` vanish at compile time; everything else (values, side effects, dynamic imports) counts.
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s+['"](\.[^'"]+)['"]/gm

const valueImports = (file: string): string[] => {
  const text = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const match of text.matchAll(VALUE_IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3]
    if (spec !== undefined) found.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'))
  }
  return found
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'middlewares'))]

/** Unit → units it imports values from (itself excluded). */
const graph = new Map<string, Set<string>>()
for (const file of files) {
  const from = unitOf(file)
  const edges = graph.get(from) ?? new Set<string>()
  graph.set(from, edges)
  for (const target of valueImports(file)) {
    const to = unitOf(target)
    if (to !== from) edges.add(to)
  }
}

const findCycle = (): string[] | undefined => {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (unit: string): string[] | undefined => {
    if (state.get(unit) === 'done') return undefined
    if (state.get(unit) === 'visiting') return [...stack.slice(stack.indexOf(unit)), unit]
    state.set(unit, 'visiting')
    stack.push(unit)
    for (const next of graph.get(unit) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(unit, 'done')
    return undefined
  }
  for (const unit of graph.keys()) {
    const cycle = visit(unit)
    if (cycle) return cycle
  }
  return undefined
}

describe('the layout', () => {
  it('has no value-import cycle between folders (src/<folder>, src/<file>.ts, middlewares)', () => {
    expect(graph.size).toBeGreaterThan(10)
    expect(findCycle()).toBeUndefined()
  })

  it('keeps middlewares on the floor: they import only the core, the schema, the definition, the errors and the logger', () => {
    const allowed = new Set(['src/core', 'src/schema', 'src/definition', 'src/errors.ts', 'src/logger.ts'])
    expect([...(graph.get('middlewares') ?? [])].filter((unit) => !allowed.has(unit))).toEqual([])
  })

  it('keeps the core below everything it serves', () => {
    const allowed = new Set(['src/schema', 'src/errors.ts', 'src/logger.ts'])
    expect([...(graph.get('src/core') ?? [])].filter((unit) => !allowed.has(unit))).toEqual([])
  })

  it('imports the composition root (src/firehose.ts) only from above it', () => {
    const importers = [...graph].filter(([, edges]) => edges.has('src/firehose.ts')).map(([unit]) => unit)
    expect(importers.sort()).toEqual(['src/cli', 'src/index.ts', 'src/queue', 'src/testing'].filter((unit) => importers.includes(unit)).sort())
    expect(importers).not.toContain('middlewares')
    expect(importers).not.toContain('src/core')
    expect(importers).not.toContain('src/dispatch')
  })

  it('sees through the check: a made-up cycle is found', () => {
    graph.set('src/core', new Set([...(graph.get('src/core') ?? []), 'middlewares']))
    try {
      expect(findCycle()).toBeDefined()
    } finally {
      graph.get('src/core')!.delete('middlewares')
    }
  })
})

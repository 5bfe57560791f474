import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { blockAttribute, codeBlocks } from '../support/markdown.js'

/**
 * CONTRIBUTING.md follows the README's convention (test/docs/readme.test.ts) for its code blocks:
 * - ```sh covered=<file> the file runs those commands;
 * - ```ts file=<path>    the block is a verbatim excerpt of that file.
 * Fences without a language (diagrams) are prose. Besides, every repository path and link it names
 * exists, so the page cannot point at a file that has moved. Its Architecture section describes the
 * layout issue 10 builds: its paths are checked once that layout has landed (`src/core/` exists).
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
const page = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8')
const lines = page.split('\n')
const architectureStart = lines.findIndex((line) => line === '## Architecture')

const blocks = codeBlocks(page)

/** What a covering file must mention for each command: the npm script or the firehose subcommand (as readme.test.ts). */
const keywordsOf = (line: string): string[] =>
  line
    .replace(/#.*$/, '')
    .split('&&')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith('cd ') && part !== 'npm ci')
    .map((part) => /^npx firehose (\S+)/.exec(part)?.[1] ?? /^npm (?:run )?(\S+)/.exec(part)?.[1] ?? part)

/** Folders and files that builds and runs write: named in the page, absent from a fresh clone. */
const GENERATED = ['dist/', 'docs/api/', 'coverage/', '.ci-out/', '.bench-out/']

/** Repository paths in `code spans`, with a placeholder or glob cut back to the folder before it. */
const pathsIn = (from: number, to: number): Array<{ path: string; line: number }> => {
  const found: Array<{ path: string; line: number }> = []
  for (let i = from; i < to; i++) {
    for (const [, span] of lines[i].matchAll(/`([^`\s]+)`/g)) {
      const repoPath = /^(?:\.ci|bench|bin|deploy|docs|examples|middlewares|src|test)\/\S*$/.test(span)
      const rootFile = /^\.?[a-z-]+(?:\.[a-z]+)?\.(?:json|js|ts|md)$/.test(span) || /^\.(?:prettierignore|editorconfig|gitignore)$/.test(span)
      if (!repoPath && !rootFile) continue
      const cut = span.search(/[<*]/)
      const path = cut === -1 ? span : span.slice(0, span.lastIndexOf('/', cut) + 1)
      if (!GENERATED.some((generated) => path.startsWith(generated))) found.push({ path, line: i + 1 })
    }
  }
  return found
}

const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')

describe('CONTRIBUTING.md', () => {
  it('has an Architecture section', () => {
    expect(architectureStart).toBeGreaterThan(0)
  })

  it('says how every code block is checked', () => {
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of blocks) {
      const kinds = ['file', 'covered'].filter((name) => blockAttribute(block, name) !== undefined)
      expect(kinds, `CONTRIBUTING.md:${block.line} \`\`\`${block.info}: say file=<path> or covered=<file>`).toHaveLength(1)
    }
  })

  for (const block of blocks.filter((b) => blockAttribute(b, 'covered') !== undefined)) {
    const file = blockAttribute(block, 'covered')!
    it(`CONTRIBUTING.md:${block.line} is run by ${file}`, () => {
      const source = readFileSync(join(root, file), 'utf8')
      for (const keyword of block.code.split('\n').flatMap(keywordsOf)) {
        expect(source, `${file} should run \`${keyword}\` (CONTRIBUTING.md:${block.line})`).toMatch(new RegExp(`['"\\s]${keyword}['"\\s]`))
      }
    })
  }

  for (const block of blocks.filter((b) => blockAttribute(b, 'file') !== undefined)) {
    const file = blockAttribute(block, 'file')!
    it(`CONTRIBUTING.md:${block.line} is an excerpt of ${file}`, () => {
      expect(readFileSync(join(root, file), 'utf8').includes(block.code.trimEnd()), `CONTRIBUTING.md:${block.line} no longer matches ${file}`).toBe(true)
    })
  }

  it('names only paths and links that exist (before the Architecture section)', () => {
    const missing = pathsIn(0, architectureStart).filter(({ path }) => !existsSync(join(root, path)))
    expect(missing.map(({ path, line }) => `CONTRIBUTING.md:${line} ${path}`)).toEqual([])
  })

  it('links to files that exist and to headings it has', () => {
    const headings = new Set(lines.filter((line) => /^#{2,4} /.test(line)).map((line) => slug(line.replace(/^#+ /, ''))))
    const broken: string[] = []
    lines.forEach((line, i) => {
      for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue
        const [file, anchor] = target.split('#')
        if (file !== '' && !existsSync(join(root, file))) broken.push(`CONTRIBUTING.md:${i + 1} ${target}`)
        if (file === '' && anchor !== undefined && !headings.has(anchor)) broken.push(`CONTRIBUTING.md:${i + 1} ${target}`)
      }
    })
    expect(broken).toEqual([])
  })

  it.skipIf(!existsSync(join(root, 'src/core')))('names only paths that exist in its Architecture section, once the layout of issue 10 has landed', () => {
    const missing = pathsIn(architectureStart, lines.length).filter(({ path }) => !existsSync(join(root, path)))
    expect(missing.map(({ path, line }) => `CONTRIBUTING.md:${line} ${path}`)).toEqual([])
  })
})

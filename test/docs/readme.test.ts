import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { blockAttribute, codeBlocks } from '../support/markdown.js'

/**
 * Every code block of the README is checked, so the tutorial cannot drift from the code:
 * - ```ts file=<path>    the block is a verbatim excerpt of that file (which has its own tests);
 * - ```ts run            the block is a program: it runs with tsx and must exit 0;
 * - ```sh run            each command runs from the repository root and must exit 0;
 * - ```sh covered=<test> the commands are run by that test file (too slow to repeat here);
 * - ```<any> aws         only for steps that need an AWS account (deployment).
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
const readme = readFileSync(join(root, 'README.md'), 'utf8')

const blocks = codeBlocks(readme)

const tsx = ['--import', 'tsx']

describe('README', () => {
  it('has code blocks, and every one says how it is checked', () => {
    expect(blocks.length).toBeGreaterThan(5)
    for (const block of blocks) {
      const kinds = ['file', 'run', 'covered', 'aws'].filter((name) => blockAttribute(block, name) !== undefined)
      expect(kinds, `README.md:${block.line} \`\`\`${block.lang} ${block.info}`).toHaveLength(1)
    }
  })

  for (const block of blocks.filter((b) => blockAttribute(b, 'file'))) {
    const file = blockAttribute(block, 'file')!
    it(`README.md:${block.line} is an excerpt of ${file}`, () => {
      const source = readFileSync(join(root, file), 'utf8')
      expect(source.includes(block.code.trimEnd()), `README.md:${block.line} no longer matches ${file}`).toBe(true)
    })
  }

  /** What a covering test must mention for each command: the firehose subcommand or the npm script. */
  const keywordsOf = (line: string): string[] =>
    line
      .replace(/#.*$/, '')
      .split('&&')
      .map((part) => part.trim())
      // `cd` moves, and `npm ci` is how every run of the suite starts: neither needs a covering test.
      .filter((part) => part !== '' && !part.startsWith('cd ') && part !== 'npm ci')
      .map((part) => /^npx firehose(?:-kit)? (\S+)/.exec(part)?.[1] ?? /^npm (?:run )?(\S+)/.exec(part)?.[1] ?? part)

  for (const block of blocks.filter((b) => blockAttribute(b, 'covered'))) {
    const test = blockAttribute(block, 'covered')!
    it(`README.md:${block.line} is run by ${test}`, () => {
      const source = readFileSync(join(root, test), 'utf8')
      for (const keyword of block.code.split('\n').flatMap(keywordsOf)) {
        expect(source, `${test} should run \`${keyword}\` (README.md:${block.line})`).toMatch(new RegExp(`['"\\s]${keyword}['"\\s]`))
      }
    })
  }

  for (const block of blocks.filter((b) => b.lang === 'ts' && blockAttribute(b, 'run') !== undefined)) {
    it(`README.md:${block.line} runs`, () => {
      const dir = mkdtempSync(join(root, 'test/docs/.run-'))
      try {
        const file = join(dir, 'snippet.ts')
        writeFileSync(file, block.code)
        const result = spawnSync(process.execPath, [...tsx, file], { cwd: root, encoding: 'utf8', timeout: 60_000 })
        expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }, 90_000)
  }

  for (const block of blocks.filter((b) => b.lang === 'sh' && blockAttribute(b, 'run') !== undefined)) {
    it(`README.md:${block.line} commands succeed`, () => {
      for (const command of block.code
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))) {
        const result = spawnSync('bash', ['-c', command], {
          cwd: root,
          encoding: 'utf8',
          timeout: 120_000,
          env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
        })
        expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0)
      }
    }, 180_000)
  }
})

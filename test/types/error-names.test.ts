import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** The messages tsc prints for one snippet, compiled with the repository's settings. */
const diagnostics = (code: string): string[] => {
  const dir = mkdtempSync(join(root, 'test/types/.run-'))
  try {
    const file = join(dir, 'snippet.ts')
    writeFileSync(file, code)
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
    const program = ts.createProgram([file], { ...config.options, noEmit: true })
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('type errors', () => {
  it('name the event interfaces instead of spelling out their fields', () => {
    const messages = diagnostics(`
      import { firehose } from '../../../src/index.js'
      import type { ScreenViewEvent } from '../../../src/schema/index.js'
      const track = (event: ScreenViewEvent) => undefined
      export const handler = firehose({ registration: { name: 'T', version: '1', events: { types: ['custom_event'] } }, on: { custom_event: track } })
    `)
    expect(messages.length).toBeGreaterThan(0)
    const text = messages.join('\n')
    // The headline names both interfaces; (the deepest line of the elaboration still spells out
    // the codec's fields, as TypeScript reports a missing property against the interface's base).
    const [headline] = text.split('\n')
    expect(headline).toContain('(event: ScreenViewEvent)')
    expect(headline).toContain('(event: CustomEvent, ctx: EventContext<')
    expect(text).not.toMatch(/two different types with this name exist/)
  }, 60_000)
})

import { describe, expect, it } from 'vitest'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bundle } from '../../src/cli/bundle.js'
import { root, tempProject } from './support.js'

/**
 * firehose-kit's modules do nothing when imported but define things (package.json `sideEffects`
 * lists the CLI, the only exception), so a bundle carries only the modules whose exports it uses:
 * an integration that imports one thing from a subpath does not ship the rest of the package.
 */
describe('bundles carry only the firehose-kit modules they use', () => {
  /** Imports name the package's own sources by path (a temporary project has no node_modules/firehose-kit). */
  const from = (path: string): string => JSON.stringify(join(root, path))
  const bundled = async (source: string): Promise<string> => {
    const dir = await tempProject()
    const entry = join(dir, 'entry.ts')
    await writeFile(entry, `${source}\nexport const handler = () => undefined\n`)
    const result = await bundle({ entry, outDir: join(dir, 'out'), minify: false })
    return readFile(result.file, 'utf8')
  }

  it('the logger alone: no pipeline, no schema, no middy', async () => {
    const code = await bundled(`import { createLogger } from ${from('src/index.ts')}\ncreateLogger().info('hello')`)
    expect(code).toContain('// src/logger.ts')
    for (const module of ['src/firehose.ts', 'src/schema/codec.ts', '@middy/core', 'src/delivery/http-client.ts']) expect(code).not.toContain(module)
  }, 60_000)

  it('the event types alone: the enums, not the codecs of every message', async () => {
    const code = await bundled(`import { EVENT_TYPES } from ${from('src/schema/index.ts')}\nconsole.log(EVENT_TYPES)`)
    expect(code).toContain('// src/schema/enums.ts')
    for (const module of ['src/schema/messages.ts', 'src/schema/events.ts', 'src/schema/exact.ts']) expect(code).not.toContain(module)
  }, 60_000)

  it("a codec: io-ts's Type, not the io-ts codecs firehose-kit does not build on", async () => {
    const code = await bundled(`import { CustomEvent } from ${from('src/schema/index.ts')}\nconsole.log(CustomEvent.is({}))`)
    expect(code).toContain('// node_modules/io-ts/es6/index.js')
    for (const codec of ['"Integer"', 'NumberType', 'StringType', 'RefinementType']) expect(code).not.toContain(codec)
  }, 60_000)
})

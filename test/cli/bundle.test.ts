import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundle } from '../../src/cli/bundle.js'
import { SAMPLE_NAMES, sample } from '../../src/cli/samples.js'
import { customEvent, eventBatch, screenView } from '../../src/testing/builders.js'
import { fixture, integration, root, runCli, tempProject } from './support.js'

describe.concurrent('firehose bundle', () => {
  it('bundles a module into index.mjs and function.zip and prints their sizes', async () => {
    const dir = await tempProject()
    const out = join(dir, 'lambda')
    const result = await runCli(['bundle', integration, '--out', out, '--runtime', 'nodejs24.x'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('for nodejs24.x')
    expect(result.stdout).toMatch(/index\.mjs +[\d.]+ (KB|MB)/)
    expect(result.stdout).toMatch(/function\.zip +[\d.]+ (KB|MB) +\(handler: index\.handler\)/)
    expect(statSync(join(out, 'index.mjs')).size).toBeGreaterThan(1000)
    expect(existsSync(join(out, 'function.zip'))).toBe(true)

    // The bundle stands alone: a fresh node answers a registration request with it.
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(out, 'index.mjs')).href)});
      const response = await handler({ type: 'module_registration_request', id: '3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c44', timestamp_ms: 1, firehose_version: '3.2.0' }, { getRemainingTimeInMillis: () => 3000 });
      process.stdout.write(response.name)`
    const fresh = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' })
    expect(fresh.stdout).toBe('Fixture')
  }, 60_000)

  it("rewrites firehose-kit's arrows as functions, not the integration's, and answers every message as the sources do", async () => {
    const dir = await tempProject()
    const entry = join(dir, 'entry.ts')
    const from = (path: string): string => JSON.stringify(path)
    await writeFile(entry, `export { handler } from ${from(integration)}\nexport { createLogger } from ${from(join(root, 'src/index.ts'))}\nexport const own = () => 'own'\n`)
    const bundled = await import(pathToFileURL((await bundle({ entry, outDir: join(dir, 'out') })).file).href)
    // createLogger is an arrow in src/logger.ts, as `own` is in the entry.
    expect(bundled.createLogger.prototype).toBeDefined()
    expect(bundled.own.prototype).toBeUndefined()

    type Direct = (message: unknown, ctx: unknown) => Promise<Record<string, unknown>>
    const fromSources = (await import('./fixtures/integration.js')).handler as unknown as Direct
    const context = { getRemainingTimeInMillis: () => 3000 }
    // What a handler answers, less the time it answered at; or what it threw (a retry, for Lambda).
    const answer = async (handler: Direct, message: unknown) => {
      try {
        const { timestamp_ms: _, ...rest } = await handler(message, context)
        return rest
      } catch (error) {
        const { name, message, kind } = error as { name: string; message: string; kind?: string }
        return { threw: { name, message, kind } }
      }
    }
    const registration = await fromSources({ type: 'module_registration_request', id: '3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c44', timestamp_ms: 1, firehose_version: '3.2.0' }, context)
    const settings = { apiKey: 'k-123' }
    const messages = [
      ...SAMPLE_NAMES.map((name) => sample(name, registration, settings)),
      ...['retryable', 'permanent', 'suspend', 'delivered'].map((outcome) =>
        eventBatch({ settings, events: [customEvent({ attributes: { outcome } }), screenView({ screen_name: 'Cart' })] }),
      ),
      { type: 'event_processing_request', id: 'not a message' },
    ]
    for (const message of messages) expect(await answer(bundled.handler, message)).toEqual(await answer(fromSources, message))
  }, 60_000)

  it('exits 1 for a module without a handler, or a missing one', async () => {
    const dir = await tempProject()
    const noHandler = await runCli(['bundle', fixture('no-handler.ts'), '--out', join(dir, 'a')])
    expect(noHandler.code).toBe(1)
    expect(noHandler.stderr).toContain('must export `handler`')
    const missing = await runCli(['bundle', fixture('missing.ts'), '--out', join(dir, 'b')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('module not found')
  })
})

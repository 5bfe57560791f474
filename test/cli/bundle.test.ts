import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { fixture, integration, runCli, tempProject } from './support.js'

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

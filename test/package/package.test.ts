import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { root, withDistLock } from '../cli/support.js'

/**
 * The package as `npm publish` would ship it: what the tarball holds, and whether its public types
 * compile in a project that installed nothing but the package, TypeScript and @types/node (no
 * aws-lambda types, no AWS SDK, no middy types of its own) with `skipLibCheck: false`.
 */
interface PackEntry {
  readonly filename: string
  readonly files: ReadonlyArray<{ readonly path: string }>
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string
  exports: Record<string, string | Record<string, string>>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  peerDependenciesMeta: Record<string, { optional?: boolean }>
}

let work: string
let tarball: string
let files: Set<string>

const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  })

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'firehose-pack-'))
  await withDistLock(async () => {
    if (!existsSync(join(root, 'dist/src/index.js'))) run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], root)
    const packed = run('npm', ['pack', '--json', '--pack-destination', work], root)
    expect(packed.status, packed.stderr).toBe(0)
    const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as PackEntry[]
    tarball = join(work, entry!.filename)
    files = new Set(entry!.files.map((f) => f.path))
  })
}, 240_000)

describe('the published package', () => {
  it('ships a LICENSE, the CLI, the scaffold, and no benchmarks', () => {
    for (const file of ['LICENSE', 'README.md', 'bin/firehose.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'deploy/template.yaml']) expect(files.has(file), file).toBe(true)
    expect([...files].filter((f) => f.startsWith('dist/bench') || f.startsWith('bench/') || f.startsWith('test/'))).toEqual([])
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toContain('Apache License')
  })

  it('ships the sources every source map names', () => {
    const maps = [...files].filter((f) => f.endsWith('.js.map'))
    expect(maps.length).toBeGreaterThan(0)
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(root, map), 'utf8')) as { sources: string[] }
      for (const source of sources) {
        const shipped = join(map, '..', source).replace(/\\/g, '/')
        expect(files.has(shipped), `${map} names ${source}`).toBe(true)
      }
    }
  })

  it('points every export condition at a shipped file', () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        expect(files.has(file.replace(/^\.\//, '')), `${subpath} -> ${file}`).toBe(true)
      }
    }
  })

  it("keeps the bundler and the TypeScript loader out of an integration's runtime dependencies", () => {
    for (const name of ['esbuild', 'tsx']) {
      expect(manifest.dependencies[name], name).toBeUndefined()
      expect(manifest.peerDependenciesMeta[name]?.optional, name).toBe(true)
      expect(manifest.devDependencies[name], name).toBeDefined()
    }
  })

  it('has public types that compile with skipLibCheck: false without the optional peers', async () => {
    const consumer = join(work, 'consumer')
    run('mkdir', ['-p', consumer], work)
    await writeFile(join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n')
    const versions = ['typescript', '@types/node', 'fast-check'].map((name) => `${name}@${manifest.devDependencies[name]}`)
    const install = run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-save', ...versions, tarball], consumer)
    expect(install.status, install.stderr).toBe(0)
    for (const absent of ['@types/aws-lambda', '@aws-sdk/client-sqs', '@aws-sdk/client-dynamodb', 'esbuild', 'tsx'])
      expect(existsSync(join(consumer, 'node_modules', absent)), absent).toBe(false)

    // Every subpath that needs no optional peer, and the testing kit with fast-check (its one peer).
    await writeFile(
      join(consumer, 'index.ts'),
      [
        "import { firehose, setting, type FirehoseHandler } from 'firehose-kit'",
        "import * as schema from 'firehose-kit/schema'",
        "import * as middlewares from 'firehose-kit/middlewares'",
        "import * as delivery from 'firehose-kit/delivery'",
        "import * as testing from 'firehose-kit/testing'",
        "export const handler: FirehoseHandler = firehose({ registration: { name: 'C', version: '1', events: { settings: { key: setting.text({ name: 'Key' }) } } } })",
        'export const all = [schema, middlewares, delivery, testing]',
        '',
      ].join('\n'),
    )
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        files: ['index.ts'],
      }),
    )
    const tsc = run(process.execPath, [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', consumer], consumer)
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0)

    // `npx firehose-kit ...` finds the command by the package's own name; `firehose` is the short one.
    for (const bin of ['firehose-kit', 'firehose']) {
      const help = run(join(consumer, 'node_modules/.bin', bin), ['--help'], consumer)
      expect(help.status, `${bin}: ${help.stderr}`).toBe(0)
      expect(help.stdout).toContain('init')
    }
  }, 300_000)
})

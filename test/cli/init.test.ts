import { describe, it, expect, beforeAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { readTemplate, templateProblems } from '../deploy/sam-template.js'
import { root, runCli, withDistLock } from './support.js'

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
let base: string

beforeAll(async () => {
  // `init` packs the built SDK; `npm test` builds first, a lone `vitest run test/cli` may not have.
  if (!existsSync(join(root, 'dist/src/index.js'))) spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root })
  base = await mkdtemp(join(tmpdir(), 'firehose-init-'))
}, 120_000)

describe('firehose init', () => {
  it('scaffolds the quickstart with the packed SDK and exact versions, and the scaffold passes its own tests', async () => {
    const dir = join(base, 'Acme Integration')
    const result = await withDistLock(() => runCli(['init', dir]))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`npm install --save-exact firehose-kit@${version} && rm -r vendor`)
    for (const file of [
      'package.json',
      'tsconfig.json',
      'src/handler.ts',
      'src/index.ts',
      'README.md',
      '.gitignore',
      'deploy/template.yaml',
      `vendor/firehose-kit-${version}.tgz`,
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true)
    }
    expect(existsSync(join(dir, 'node_modules'))).toBe(false)

    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> }
    expect(manifest.name).toBe('acme-integration')
    expect(manifest.dependencies['firehose-kit']).toBe(`file:vendor/firehose-kit-${version}.tgz`)
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      if (name !== 'firehose-kit') expect(range, name).toMatch(/^\d+\.\d+\.\d+$/)
    }

    // A fresh install from the registry, then the scaffold's own tests.
    const npm = (args: string[]) =>
      spawnSync('npm', args, { cwd: dir, encoding: 'utf8', timeout: 150_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } })
    const install = npm(['install'])
    expect(install.status, install.stderr).toBe(0)
    const test = npm(['test'])
    expect(test.status, `${test.stdout}\n${test.stderr}`).toBe(0)
    // eslint-disable-next-line no-control-regex -- ESC starts the colour codes of vitest's summary, removed here
    expect(test.stdout.replace(/\x1b\[[\d;]*m/g, '')).toMatch(/Tests +\d+ passed/)

    // The scaffold's README walks from npm test to sam deploy and the registration in mParticle.
    const readme = readFileSync(join(dir, 'README.md'), 'utf8')
    for (const step of ['npm test', 'npm run bundle', 'aws secretsmanager create-secret', 'sam deploy --template-file deploy/template.yaml', 'npm run registration'])
      expect(readme, step).toContain(step)

    // `npm run bundle` writes exactly what the template deploys, and the bundle exports every handler it names.
    const bundled = npm(['run', 'bundle'])
    expect(bundled.status, `${bundled.stdout}\n${bundled.stderr}`).toBe(0)
    const templatePath = join(dir, 'deploy/template.yaml')
    const template = readTemplate(templatePath)
    expect(templateProblems(template)).toEqual([])
    const codeUri = resolve(dirname(templatePath), template.Globals!.Function!.CodeUri as string)
    expect(codeUri).toBe(join(dir, 'dist/lambda/function.zip'))
    expect(existsSync(codeUri)).toBe(true)
    const exported = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('./dist/lambda/index.mjs'); console.log(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v]))))",
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    )
    expect(exported.status, exported.stderr).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ handler: 'function', ingress: 'function', worker: 'function' })
    const handlers = [template.Resources.FirehoseFunction!.Properties!.Handler, template.Resources.WorkerFunction!.Properties!.Handler].flatMap((h) =>
      typeof h === 'string' ? [h] : (h['Fn::If'] as unknown[]).slice(1),
    )
    for (const handler of handlers) expect(JSON.parse(exported.stdout)[String(handler).replace(/^index\./, '')], String(handler)).toBe('function')
  }, 300_000)

  it('refuses a non-empty directory (exit 1) unless --force', async () => {
    const dir = join(base, 'taken')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'keep.txt'), 'mine')
    const refused = await runCli(['init', dir])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('is not empty (use --force')
    const forced = await withDistLock(() => runCli(['init', dir, '--force']))
    expect(forced.code).toBe(0)
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine')
  }, 60_000)
})

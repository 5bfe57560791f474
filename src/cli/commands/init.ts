import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { parse, positionals } from '../args.js'
import { CliError, EXIT, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { pathIn, type CliIo } from '../io.js'
import { displayPath, print } from '../output.js'
import { sdk } from '../sdk.js'

const TEMPLATE = 'examples/quickstart'
const NOT_COPIED = new Set(['node_modules', 'dist', 'vendor', 'package-lock.json', 'coverage'])

type Manifest = {
  name?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  scripts?: Record<string, string>
  [key: string]: unknown
}

const packageName = (dir: string): string =>
  basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '') || 'firehose-integration'

/** The exact version of a dependency: the one the SDK itself was installed with, else the range without its operator. */
const exactVersion = (name: string, range: string): string => {
  const installed = join(sdk().root, 'node_modules', name, 'package.json')
  if (existsSync(installed)) return (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version
  return range.replace(/^[\^~>=<\s]+/, '')
}

const pinned = (dependencies: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(dependencies ?? {}).map(([name, range]) => [name, /^\d/.test(range) ? range : exactVersion(name, range)]))

/** Packs this SDK (as `npm publish` would) into `vendorDir`; returns the tarball's file name. */
const packSdk = (vendorDir: string): string => {
  const { root } = sdk()
  if (!existsSync(join(root, 'dist', 'src', 'index.js'))) throw new CliError(`firehose-kit at ${root} is not built: run \`npm run build\` there first`)
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', vendorDir], { cwd: root, encoding: 'utf8' })
  if (packed.status !== 0) throw new CliError(`npm pack failed: ${(packed.stderr || packed.error?.message || '').trim().split('\n').pop()}`)
  const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string }>
  if (entry === undefined) throw new CliError('npm pack produced no tarball')
  return entry.filename
}

export const init = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, { force: { type: 'boolean' } })
  if (parsed.values.help) return showHelp('init', io)
  const [target] = positionals(parsed, ['dir'])
  const dir = pathIn(io, target!)
  if (existsSync(dir) && readdirSync(dir).length > 0 && !parsed.values.force) throw new CliError(`${target} is not empty (use --force to scaffold into it anyway)`)
  const { root, version } = sdk()
  const template = join(root, TEMPLATE)
  if (!existsSync(join(template, 'package.json'))) throw new CliError(`the quickstart template is missing from ${template}`)

  await mkdir(dir, { recursive: true })
  await cp(template, dir, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) || source === template })
  const vendorDir = join(dir, 'vendor')
  await mkdir(vendorDir, { recursive: true })
  const tarball = packSdk(vendorDir)

  const manifest = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as Manifest
  const dependencies = { ...pinned(manifest.dependencies), 'firehose-kit': `file:vendor/${tarball}` }
  const scripts = {
    ...manifest.scripts,
    start: manifest.scripts?.start ?? 'firehose serve src/handler.ts',
    registration: manifest.scripts?.registration ?? 'firehose registration src/handler.ts',
    bundle: manifest.scripts?.bundle ?? 'firehose bundle src/handler.ts',
  }
  const scaffolded: Manifest = { ...manifest, name: packageName(dir), version: '0.1.0', scripts, dependencies, devDependencies: pinned(manifest.devDependencies) }
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(scaffolded, null, 2)}\n`)
  if (!existsSync(join(dir, '.gitignore'))) await writeFile(join(dir, '.gitignore'), 'node_modules/\ndist/\n')

  const shown = displayPath(io, dir)
  print(io, `scaffolded ${scaffolded.name} in ${shown}`)
  print(io, `  firehose-kit ${version} packed into vendor/${tarball} (firehose-kit is not on a registry yet)`)
  print(io, '')
  print(io, 'next:')
  print(io, `  cd ${shown}`)
  print(io, '  npm install')
  print(io, '  npm test')
  print(io, '  npm start          # serves src/handler.ts on http://127.0.0.1:8080')
  print(io, '')
  print(io, 'to use a published firehose-kit instead of the packed one:')
  print(io, `  npm install --save-exact firehose-kit@${version} && rm -r vendor`)
  return EXIT.ok
}

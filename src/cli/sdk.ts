import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The firehose-kit package this CLI belongs to: its root directory, name and version. */
export interface Sdk {
  readonly root: string
  readonly name: string
  readonly version: string
}

const findRoot = (from: string): string => {
  let dir = from
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'firehose-kit') return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error('firehose: cannot find the firehose-kit package.json above the CLI')
    dir = parent
  }
}

let cached: Sdk | undefined
export const sdk = (): Sdk => {
  if (cached) return cached
  const root = findRoot(dirname(fileURLToPath(import.meta.url)))
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string }
  cached = { root, name: manifest.name, version: manifest.version }
  return cached
}

/** True when the CLI runs from its TypeScript sources (through tsx), false when it runs from dist/. */
export const runningFromSource = (): boolean => import.meta.url.endsWith('.ts')

/** A sibling module of this file, with the extension this file has (`.ts` from source, `.js` from dist). */
export const siblingModule = (name: string): string => fileURLToPath(new URL(`./${name}${runningFromSource() ? '.ts' : '.js'}`, import.meta.url))

/** tsx's loader, resolved from the SDK (a dependency of it), to pass as `--import` to a child process. */
export const tsxLoader = (): string => import.meta.resolve('tsx')

export const sdkPackageUrl = (): string => pathToFileURL(join(sdk().root, 'package.json')).href

import { fileURLToPath, pathToFileURL } from 'node:url'
import { join, resolve } from 'node:path'
import { firehose, memoryStore, serve, createLogger } from '../src/index.js'
import { dynamoStore, createCheckpointTable } from '../src/delivery/dynamodb.js'
import { bundle, BUNDLE_PLUGINS } from '../src/cli/bundle.js'

/**
 * One build of firehose-kit, loaded from a checkout's `dist/`: this tree (`after`) or another, such
 * as main's code built into `.bench-out/before` (`npm run bench -- --before .bench-out/before`),
 * so that before and after are measured in the same run (the in-process rows in one process per
 * build, each against its own floor: see bench/isolated.ts).
 */
export interface Sdk {
  readonly label: string
  readonly root: string
  readonly firehose: typeof firehose
  readonly memoryStore: typeof memoryStore
  readonly serve: typeof serve
  readonly createLogger: typeof createLogger
  readonly dynamoStore: typeof dynamoStore
  readonly createCheckpointTable: typeof createCheckpointTable
  readonly bundle: typeof bundle
  /** The esbuild plugins the build's bundle() runs (none before they existed). */
  readonly bundlePlugins?: ReadonlyArray<unknown>
}

/** This checkout's root (bench/ compiles to dist/bench/; tests run it from bench/). */
export const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/bench/') ? '../../' : '../', import.meta.url))

/** This build: the modules this file was compiled with. */
export const thisSdk = (label = 'after'): Sdk => ({
  label,
  root: ROOT,
  firehose,
  memoryStore,
  serve,
  createLogger,
  dynamoStore,
  createCheckpointTable,
  bundle,
  bundlePlugins: BUNDLE_PLUGINS,
})

/** The build in another checkout's `dist/` (this one's when `root` is this checkout). */
export const loadSdk = async (label: string, root: string = ROOT): Promise<Sdk> => {
  if (resolve(root) === resolve(ROOT)) return thisSdk(label)
  const dir = resolve(root)
  const load = (path: string) => import(pathToFileURL(join(dir, 'dist', path)).href)
  const index = await load('src/index.js')
  const dynamo = await load('src/delivery/dynamodb.js')
  const cli = await load('src/cli/bundle.js')
  return {
    label,
    root: dir,
    firehose: index.firehose,
    memoryStore: index.memoryStore,
    serve: index.serve,
    createLogger: index.createLogger,
    dynamoStore: dynamo.dynamoStore,
    createCheckpointTable: dynamo.createCheckpointTable,
    bundle: cli.bundle,
    bundlePlugins: cli.BUNDLE_PLUGINS,
  }
}

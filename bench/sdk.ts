import { fileURLToPath, pathToFileURL } from 'node:url'
import { join, resolve } from 'node:path'
import type { firehose as Firehose, memoryStore as MemoryStore, serve as Serve, createLogger as CreateLogger } from '../src/index.js'
import type { dynamoStore as DynamoStore, createCheckpointTable as CreateCheckpointTable } from '../src/delivery/dynamodb.js'
import type { bundle as Bundle } from '../src/cli/bundle.js'

/**
 * One build of firehose-kit, loaded from a checkout's `dist/`: this tree (`after`) or another, such
 * as main's code built into `.bench-out/before` (`npm run bench -- --before .bench-out/before`),
 * so that before and after are measured in the same run against the same floor.
 */
export interface Sdk {
  readonly label: string
  readonly root: string
  readonly firehose: typeof Firehose
  readonly memoryStore: typeof MemoryStore
  readonly serve: typeof Serve
  readonly createLogger: typeof CreateLogger
  readonly dynamoStore: typeof DynamoStore
  readonly createCheckpointTable: typeof CreateCheckpointTable
  readonly bundle: typeof Bundle
}

/** This checkout's root (bench/ compiles to dist/bench/). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export const loadSdk = async (label: string, root: string = ROOT): Promise<Sdk> => {
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
  }
}

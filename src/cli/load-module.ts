import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Context } from 'aws-lambda'
import { CliError } from './cli-error.js'
import { registerSdkResolution } from './sdk-resolution.js'
import { runningFromSource } from './sdk.js'

/** A Lambda-style handler, as `firehose()` returns it. */
export type LambdaHandler = (event: unknown, context: Context) => unknown

export interface Integration {
  readonly path: string
  readonly handler: LambdaHandler
}

let prepared: Promise<void> | undefined
/** TypeScript modules load through tsx: already active from source, registered on first use from dist/. */
const prepareLoaders = (): Promise<void> =>
  (prepared ??= (async () => {
    if (!runningFromSource()) {
      const { register } = await import('tsx/esm/api')
      register()
    }
    registerSdkResolution()
  })())

/** The file a module argument names; a clear error when there is none. */
export const modulePath = (argument: string, cwd: string): string => {
  const path = resolve(cwd, argument)
  if (!existsSync(path)) throw new CliError(`module not found: ${argument}`)
  if (!statSync(path).isFile()) throw new CliError(`not a file: ${argument} (name the module that exports your handler)`)
  return path
}

const handlerOf = (exports: Record<string, unknown>): LambdaHandler | undefined => {
  if (typeof exports.handler === 'function') return exports.handler as LambdaHandler
  const fallback = exports.default as { handler?: unknown } | undefined
  if (typeof fallback === 'function') return fallback as LambdaHandler
  if (typeof fallback?.handler === 'function') return fallback.handler as LambdaHandler
  return undefined
}

/** Imports an integration module (JavaScript or TypeScript) and finds its `handler` (or default export). */
export const loadIntegration = async (argument: string, cwd: string): Promise<Integration> => {
  const path = modulePath(argument, cwd)
  await prepareLoaders()
  let exports: Record<string, unknown>
  try {
    exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CliError(`could not load ${argument}: ${reason}`)
  }
  const handler = handlerOf(exports)
  if (handler === undefined) {
    throw new CliError(`${argument} exports no handler: export one with \`export const handler = firehose({ ... })\` (or as the default export)`)
  }
  return { path, handler }
}

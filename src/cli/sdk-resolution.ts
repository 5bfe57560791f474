import { register } from 'node:module'
import { runningFromSource, sdkPackageUrl } from './sdk.js'

// A module hook (it runs on Node's loader thread, hence a self-contained data: URL): when an
// integration imports `firehose-kit` and has no copy of its own installed, it gets the SDK this CLI
// belongs to, the way an installed dependency would resolve. A project's own copy always wins.
const HOOK = `
let sdkParent
let extraConditions = []
export async function initialize(data) {
  sdkParent = data.parentURL
  extraConditions = data.conditions
}
const isSdk = (specifier) => specifier === 'firehose-kit' || specifier.startsWith('firehose-kit/')
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (!isSdk(specifier) || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
    return next(specifier, { ...context, parentURL: sdkParent, conditions: [...context.conditions, ...extraConditions] })
  }
}
`

let registered = false
/**
 * Registers the fallback. From source the SDK resolves through its `source` condition (TypeScript,
 * loaded by tsx); from dist/ through the default one.
 */
export const registerSdkResolution = (): void => {
  if (registered) return
  registered = true
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`, {
    data: { parentURL: sdkPackageUrl(), conditions: runningFromSource() ? ['source'] : [] },
  })
}

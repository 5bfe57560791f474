import type { MaybePromise } from './maybe-async.js'

type AnyRequest = unknown
type Step = (request: AnyRequest) => unknown
type Plugin = { requestStart: (request: AnyRequest) => void; requestEnd: (request: AnyRequest) => unknown }
type RunRequest = (request: AnyRequest, befores: Step[], handler: (...args: unknown[]) => unknown, afters: Step[], onErrors: Step[], plugin: Plugin) => Promise<unknown>
type Parts = { readonly middyRequest: (event: unknown, context: unknown) => AnyRequest; readonly runRequest: RunRequest }

/**
 * A middy execution mode whose base handler receives the whole request instead of `(event,
 * context)`: the pipeline's state lives on `request.internal`, which belongs to the invocation, and
 * the base handler reads it there (middy's standard mode would leave it only the shared context).
 * It runs the same request lifecycle as middy's `executionModeStandard`.
 */
export const handingRequestTo = (base: (request: any) => MaybePromise<unknown>) =>
  ((parts: Parts, befores: Step[], _handler: unknown, afters: Step[], onErrors: Step[], plugin: Plugin) => {
    const run = async (event: unknown, context: unknown): Promise<unknown> => {
      const request = parts.middyRequest(event, context)
      plugin.requestStart(request)
      try {
        return await parts.runRequest(request, befores, () => base(request), afters, onErrors, plugin)
      } finally {
        await plugin.requestEnd(request)
      }
    }
    return Object.assign(run, {
      handler: () => {
        throw new TypeError('a firehose-kit handler has its own base handler; compose with .use() instead')
      },
    })
  }) as unknown as () => void

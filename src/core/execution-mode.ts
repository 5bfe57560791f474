import type { MaybePromise } from './maybe-async.js'

/** The parts of middy's request this lifecycle touches (middy's own type is not in the public types). */
interface AnyRequest {
  response: unknown
  error: unknown
  earlyResponse?: unknown
}
type Step = ((request: AnyRequest) => unknown) & { readonly name?: string }
type Plugin = {
  requestStart: (request: AnyRequest) => void
  requestEnd: (request: AnyRequest) => unknown
  beforeHandler: () => void
  afterHandler: () => void
  beforeMiddleware?: (name: string) => void
  afterMiddleware?: (name: string) => void
}
type Parts = { readonly middyRequest: (event: unknown, context: unknown) => AnyRequest }

/** After one middleware: records its early answer, if any; true when the request now has one (the rest are skipped). */
const answeredAfter = (request: AnyRequest, step: Step, plugin: Plugin, res: unknown): boolean => {
  plugin.afterMiddleware?.(step.name ?? '')
  if (res !== undefined) request.earlyResponse = res
  if (!('earlyResponse' in request)) return false
  request.response = request.earlyResponse
  return true
}

/**
 * Runs middlewares in order until one answers early (returns a value): middy's rule. Synchronous
 * while every middleware is (firehose-kit's are): no promise, and no await, for the whole list;
 * from the first one that returns a promise on, the rest run after it settles.
 */
const runSteps = (request: AnyRequest, steps: ReadonlyArray<Step>, plugin: Plugin, from = 0): MaybePromise<void> => {
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!
    plugin.beforeMiddleware?.(step.name ?? '')
    const res = step(request)
    if (res instanceof Promise) return runStepsAfter(res, request, steps, plugin, i)
    if (answeredAfter(request, step, plugin, res)) return
  }
}

const runStepsAfter = async (pending: Promise<unknown>, request: AnyRequest, steps: ReadonlyArray<Step>, plugin: Plugin, at: number): Promise<void> => {
  if (answeredAfter(request, steps[at]!, plugin, await pending)) return
  const rest = runSteps(request, steps, plugin, at + 1)
  if (rest !== undefined) await rest
}

/**
 * middy's request lifecycle (`runRequest` of @middy/core 7: befores, the base handler, afters, and
 * on a throw the onErrors, with the same early-response and error rules), for a base handler that
 * receives the whole request. It is written out here rather than borrowed from middy because
 * middy's makes an AbortController per request for its early-timeout feature, which firehose-kit
 * leaves off (`timeoutEarlyInMillis: 0`: the dispatch keeps its own deadline): about 5 µs a message.
 * test/runtime/execution-mode.test.ts holds it to middy's behaviour.
 */
const runRequest = async (
  request: AnyRequest,
  befores: ReadonlyArray<Step>,
  base: (request: AnyRequest) => unknown,
  afters: ReadonlyArray<Step>,
  onErrors: ReadonlyArray<Step>,
  plugin: Plugin,
): Promise<unknown> => {
  try {
    const before = runSteps(request, befores, plugin)
    if (before !== undefined) await before
    if (!('earlyResponse' in request)) {
      plugin.beforeHandler()
      const result = base(request)
      request.response = result instanceof Promise ? await result : result
      plugin.afterHandler()
      const after = runSteps(request, afters, plugin)
      if (after !== undefined) await after
    }
  } catch (err) {
    request.response = undefined
    delete request.earlyResponse
    request.error = err
    try {
      await runSteps(request, onErrors, plugin)
    } catch (err) {
      // As middy: an onError that throws something else keeps the first error as its cause.
      if (err !== request.error && typeof err === 'object' && err !== null) {
        ;(err as { originalError?: unknown }).originalError = request.error
        ;(err as { cause?: unknown }).cause ??= request.error
      }
      request.error = err
      throw request.error
    }
    if (request.response === undefined) throw request.error
  }
  return request.response
}

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
      let failed = false
      let error: unknown
      let response: unknown
      try {
        response = await runRequest(request, befores, base, afters, onErrors, plugin)
      } catch (err) {
        failed = true
        error = err
      }
      // As middy's standard mode: a requestEnd hook that throws does not replace the handler's error.
      try {
        const ended = plugin.requestEnd(request)
        if (ended instanceof Promise) await ended
      } catch (hookError) {
        if (!failed) throw hookError
        if (typeof error === 'object' && error !== null) (error as { cause?: unknown }).cause ??= hookError
      }
      if (failed) throw error
      return response
    }
    return Object.assign(run, {
      handler: () => {
        throw new TypeError('a firehose-kit handler has its own base handler; compose with .use() instead')
      },
    })
  }) as unknown as () => void

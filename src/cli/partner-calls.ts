import { AsyncLocalStorage } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'

/** One outgoing call an integration made while handling a message. Query strings and headers are never kept. */
export interface PartnerCall {
  readonly method: string
  /** Host and path only: API keys often travel in the query string. */
  readonly target: string
  readonly status?: number
  readonly error?: string
  readonly ms: number
  /** Answered by `--mock-partner` (200 {}), never sent. */
  readonly mocked?: boolean
}

interface Recording {
  readonly calls: PartnerCall[]
  /** Answer each call 200 `{}` instead of sending it. */
  readonly mock: boolean
}

const current = new AsyncLocalStorage<Recording>()
let installed = false

const describe = (input: Parameters<typeof fetch>[0]): string => {
  try {
    const url = new URL(input instanceof Request ? input.url : String(input))
    return `${url.host}${url.pathname}`
  } catch {
    return '(invalid URL)'
  }
}

/**
 * Wraps `globalThis.fetch` (before the integration is imported, so clients it makes at load time
 * get the wrapper) to note every call made inside `recordPartnerCalls`. Calls go out, unless that
 * recording mocks them: then each is answered 200 `{}` at once, to try a handler without the partner's API.
 */
export const installFetchRecorder = (): void => {
  if (installed) return
  installed = true
  const original = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    const recording = current.getStore()
    if (recording === undefined) return original(input, init)
    const { calls } = recording
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    if (recording.mock) {
      calls.push({ method, target: describe(input), status: 200, ms: 0, mocked: true })
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
    }
    const started = performance.now()
    try {
      const response = await original(input, init)
      calls.push({ method, target: describe(input), status: response.status, ms: Math.round(performance.now() - started) })
      return response
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code
      calls.push({ method, target: describe(input), error: cause ?? (error as Error).name, ms: Math.round(performance.now() - started) })
      throw error
    }
  }
}

/** Runs `work`, returning what it gave and the partner calls it made (attributed per async context, so concurrent runs don't mix). */
export const recordPartnerCalls = async <T>(work: () => Promise<T>, options: { mock?: boolean } = {}): Promise<{ value: T; calls: PartnerCall[] }> => {
  const calls: PartnerCall[] = []
  const value = await current.run({ calls, mock: options.mock === true }, work)
  return { value, calls }
}

/** One outgoing call as the partner's API would see it on the wire. */
export interface RecordedRequest {
  readonly method: string
  /** The full URL, query included. */
  readonly url: string
  readonly host: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** Names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The body parsed as JSON, or the text when it is not JSON; `undefined` when there is none (or it is a stream, a Blob or a FormData). */
  readonly body: unknown
}

/** How the scripted API answers one call. */
export type ScriptedAnswer =
  | { readonly status?: number; readonly json?: unknown; readonly body?: string; readonly headers?: Readonly<Record<string, string>>; readonly delayMs?: number }
  | { readonly networkError: 'reset' | 'refused' | 'dns' | 'timeout'; readonly delayMs?: number }
  /** Never answers; only the caller's abort signal ends the call. */
  | { readonly hang: true }

/** What the stand-in partner answers: a list of answers in turn, or a function of the request. */
export type Script = ReadonlyArray<ScriptedAnswer> | ((request: RecordedRequest, index: number) => ScriptedAnswer | undefined)

const CODES = { reset: 'ECONNRESET', refused: 'ECONNREFUSED', dns: 'ENOTFOUND', timeout: 'UND_ERR_CONNECT_TIMEOUT' } as const

const networkError = (kind: keyof typeof CODES): TypeError => {
  const cause = Object.assign(new Error(`connect ${CODES[kind]}`), { code: CODES[kind] })
  return new TypeError('fetch failed', { cause })
}

const abortError = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError')

const wait = (ms: number, signal: AbortSignal | null | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(abortError(signal))
      },
      { once: true },
    )
  })

/** The text of a body as it goes on the wire: a string, form parameters or bytes; a stream, a Blob or a FormData is not read. */
const bodyText = (body: RequestInit['body']): string | undefined => {
  if (typeof body === 'string') return body
  if (body instanceof URLSearchParams) return body.toString()
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body)
  return undefined
}

const parseBody = (text: string | undefined): unknown => {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * A `fetch` for the partner's API in tests: records every call (method, URL, headers, JSON body)
 * and answers from a script (a list used in order, then 200 `{}`; or a function). Inject it with
 * `createHttpClient({ fetch })`; no test touches the network.
 */
export const recordingFetch = (script: Script = []) => {
  const requests: RecordedRequest[] = []
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const headers: Record<string, string> = {}
    new Headers(init.headers).forEach((value, name) => (headers[name] = value))
    const recorded: RecordedRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: url.href,
      host: url.host,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parseBody(bodyText(init.body)),
    }
    const index = requests.length
    requests.push(recorded)
    const answer = (typeof script === 'function' ? script(recorded, index) : script[index]) ?? { status: 200, json: {} }
    const signal = init.signal
    if ('hang' in answer) {
      return new Promise<never>((_, reject) => {
        if (signal?.aborted) return reject(abortError(signal))
        signal?.addEventListener('abort', () => reject(abortError(signal)), { once: true })
      })
    }
    if (answer.delayMs) await wait(answer.delayMs, signal)
    if ('networkError' in answer) throw networkError(answer.networkError)
    return respond(answer)
  }
  return {
    /** The `fetch` to give the HTTP client. */
    fetch: fetch as typeof globalThis.fetch,
    requests,
    /** Method, path and body of every call, the usual thing to assert. */
    calls: () => requests.map((r) => ({ method: r.method, path: r.path, body: r.body })),
    /** Forgets the requests recorded so far. */
    reset: () => void requests.splice(0, requests.length),
  }
}

type Reply = Extract<ScriptedAnswer, { status?: number }>

const respond = (answer: Reply): Response => {
  const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? '')
  const contentType: Record<string, string> = answer.json !== undefined ? { 'content-type': 'application/json' } : {}
  return new Response(body === '' && (answer.status === 204 || answer.status === 304) ? null : body, {
    status: answer.status ?? 200,
    headers: { ...contentType, ...answer.headers },
  })
}

/**
 * What went wrong below HTTP: the call got no status at all.
 * - `timeout`: no answer in time (our own per-attempt timer, or undici's connect/headers/body timeouts).
 * - `reset`: the connection was closed or reset while the call was in flight.
 * - `refused`: nothing accepted the connection (refused, host or network unreachable).
 * - `dns`: the host name could not be resolved.
 * - `aborted`: the caller gave up (the Lambda deadline, or an abort signal).
 * - `other`: anything else (TLS failures, malformed answers, bugs in a custom fetch).
 */
export type NetworkErrorKind = 'timeout' | 'reset' | 'refused' | 'dns' | 'aborted' | 'other'

/** A network failure of a partner call, by kind (DNS, refused, reset, timeout, aborted...). */
export interface NetworkError {
  readonly kind: NetworkErrorKind
  /** The system or undici error code when there is one (`ECONNRESET`, `UND_ERR_SOCKET`); never a message. */
  readonly code?: string
}

/** Every kind of network failure `networkErrorOf` tells apart. */
export const NETWORK_ERROR_KINDS: ReadonlyArray<NetworkErrorKind> = ['timeout', 'reset', 'refused', 'dns', 'aborted', 'other']

const kindByCode: Readonly<Record<string, NetworkErrorKind>> = {
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  EHOSTDOWN: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  UND_ERR_ABORTED: 'aborted',
}

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined)

const codeOf = (value: unknown): string | undefined => {
  const code = field(value, 'code')
  return typeof code === 'string' ? code : undefined
}

/** The error and its causes, outermost first; an AggregateError (happy eyeballs) contributes its first error. */
const chainOf = (err: unknown): unknown[] => {
  const chain: unknown[] = []
  let current: unknown = err
  while (current !== undefined && current !== null && chain.length < 5 && !chain.includes(current)) {
    chain.push(current)
    const errors = field(current, 'errors')
    const cause = field(current, 'cause')
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined)
  }
  return chain
}

/**
 * Maps whatever `fetch` (undici) rejected with to a `NetworkError`. undici wraps system errors as
 * `TypeError('fetch failed', { cause })`, with the code on the cause (or on an AggregateError inside it).
 */
export const networkErrorOf = (err: unknown): NetworkError => {
  for (const link of chainOf(err)) {
    const code = codeOf(link)
    if (code !== undefined && kindByCode[code] !== undefined) return { kind: kindByCode[code], code }
    const name = field(link, 'name')
    if (name === 'TimeoutError') return { kind: 'timeout' }
    if (name === 'AbortError') return { kind: 'aborted' }
  }
  const code = chainOf(err)
    .map(codeOf)
    .find((c) => c !== undefined)
  return code === undefined ? { kind: 'other' } : { kind: 'other', code }
}

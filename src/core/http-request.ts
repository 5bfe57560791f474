import type { HttpShape } from './state.js'

/** An HTTP request as any of the supported Lambda event shapes (or `serve()`'s) carries it. */
export interface HttpRequestView {
  readonly shape: HttpShape
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Record<string, string>
  readonly body: string
  readonly isBase64Encoded: boolean
}

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Keys every Firehose message has (or may have) at the top level and no HTTP event shape has: a value
 * carrying any of them is a Firehose message invoked directly, whatever other keys it carries, so
 * unknown keys in a message (`httpMethod`, `requestContext`, `httpShape`...) never turn it into an
 * HTTP request. API Gateway REST and HTTP API events, function URL events and `serve()`'s events have
 * no top-level `type`, `firehose_version` or `timestamp_ms`.
 */
const FIREHOSE_ENVELOPE_KEYS = ['type', 'firehose_version', 'timestamp_ms'] as const

/** Whether a value is shaped as a Firehose message (it has an envelope key), so it can never be an HTTP event. */
export const hasFirehoseEnvelope = (value: unknown): boolean => isObject(value) && FIREHOSE_ENVELOPE_KEYS.some((key) => Object.prototype.hasOwnProperty.call(value, key))

/**
 * Which HTTP shape an event has, or `undefined` for a direct invocation (a Firehose message itself:
 * anything with a Firehose envelope key is one, see `FIREHOSE_ENVELOPE_KEYS`).
 * - API Gateway REST (payload 1.0): `httpMethod` and `requestContext`.
 * - HTTP API (payload 2.0) and function URLs: `version: '2.0'` and `requestContext.http`; function
 *   URLs are told apart by their `*.lambda-url.*` domain name.
 * - `serve()`: `httpShape: 'server'`.
 */
export const httpShapeOf = (event: unknown): HttpShape | undefined => {
  if (!isObject(event) || hasFirehoseEnvelope(event)) return undefined
  if (event.httpShape === 'server' && typeof event.method === 'string') return 'server'
  const context = event.requestContext
  if (!isObject(context)) return undefined
  if (event.version === '2.0' && isObject(context.http)) {
    return typeof context.domainName === 'string' && context.domainName.includes('.lambda-url.') ? 'function-url' : 'http-api'
  }
  if (typeof event.httpMethod === 'string') return 'rest'
  return undefined
}

/** A header value as text: API Gateway sends strings; anything else is written as JSON rather than `[object Object]`. */
const headerText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number | boolean))

/** Header names lower-cased. A null-prototype object, so a header called `__proto__` stays a header. */
export const lowerCaseHeaders = (single: unknown, multi?: unknown): Record<string, string> => {
  const headers = Object.create(null) as Record<string, string>
  if (isObject(multi)) {
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values) || values.length === 0) continue
      const key = name.toLowerCase()
      if (!(key in headers)) headers[key] = values.map(String).join(', ')
    }
  }
  if (isObject(single)) {
    // Object.keys rather than Object.entries: no [name, value] pair allocated per header on every request.
    const names = Object.keys(single)
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!
      const value = single[name]
      if (value === undefined || value === null) continue
      const key = name.toLowerCase()
      if (!(key in headers)) headers[key] = typeof value === 'string' ? value : Array.isArray(value) ? value.map(headerText).join(', ') : headerText(value)
    }
  }
  return headers
}

/** The request parts of an event whose shape `httpShapeOf` recognised. */
export const readHttpRequest = (event: Fields, shape: HttpShape): HttpRequestView => {
  const body = typeof event.body === 'string' ? event.body : ''
  const isBase64Encoded = shape !== 'server' && event.isBase64Encoded === true
  const headers = lowerCaseHeaders(event.headers, shape === 'rest' ? event.multiValueHeaders : undefined)
  return { shape, headers, body, isBase64Encoded }
}

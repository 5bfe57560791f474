import { safeStringify } from '../core/json.js'
import type { HttpRequest } from './http-types.js'

const ABSOLUTE = /^[a-z][a-z\d+.-]*:\/\//i

/** A base URL as `resolveUrl` joins it: without its trailing slashes (trimmed once per client, not per call). */
export const trimBase = (baseUrl: string | undefined): string | undefined => baseUrl?.replace(/\/+$/, '')

/** `new URL(path, base)` would drop the base's last path segment without a trailing slash; join instead. `base` comes from `trimBase`. */
export const resolveUrl = (req: HttpRequest, base: string | undefined): URL | undefined => {
  let text = req.url
  if (base !== undefined && !ABSOLUTE.test(text)) {
    text = `${base}/${text.replace(/^\/+/, '')}`
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (req.query !== undefined) {
    for (const [name, value] of Object.entries(req.query)) {
      if (value !== undefined) url.searchParams.append(name, String(value))
    }
  }
  return url
}

export const methodOf = (req: HttpRequest): string => (req.method ?? (req.json !== undefined || req.body !== undefined ? 'POST' : 'GET')).toUpperCase()

export const headersOf = (defaults: Readonly<Record<string, string>> | undefined, req: HttpRequest): Record<string, string> => {
  const headers: Record<string, string> = {}
  if (defaults !== undefined) for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value
  if (req.headers !== undefined) for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value
  if (req.json !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json'
  return headers
}

/** What `bodyOf` answers for a `json` that JSON.stringify cannot write (nested too deeply, a cycle, a BigInt). */
export const UNSERIALISABLE = Symbol('unserialisable')

export const bodyOf = (req: HttpRequest): string | undefined | typeof UNSERIALISABLE => {
  if (req.json === undefined) return req.body
  const text = safeStringify(req.json)
  return text === undefined ? UNSERIALISABLE : text
}

/** Header names whose values are never secret, so masking them would only mangle reasons. */
const PLAIN_HEADERS = new Set(['content-type', 'accept', 'user-agent', 'content-length', 'connection'])

/**
 * Values of a call that may be credentials: header values, query values and URL userinfo. They are
 * masked on top of the configured secrets, so an API key passed only per call is still hidden.
 * The query's values are read from the URL, which `resolveUrl` gave every one of `req.query`'s.
 */
export const callSecrets = (url: URL, headers: Readonly<Record<string, string>>): string[] => {
  const values: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (PLAIN_HEADERS.has(name)) continue
    values.push(value)
    // `Bearer <token>`, `Basic <credentials>`: the credentials alone must be masked too.
    const credentials = /^[A-Za-z][\w-]*\s+(\S+)$/.exec(value.trim())?.[1]
    if (credentials !== undefined) values.push(credentials)
  }
  // `searchParams` is made on first read (a URLSearchParams and its parse): only when there is a query.
  if (url.search !== '') for (const [, value] of url.searchParams) values.push(value)
  if (url.username) values.push(decodeURIComponent(url.username))
  if (url.password) values.push(decodeURIComponent(url.password))
  return values
}

export const parseJson = (text: string): unknown => {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

import { stringifyMessage } from '../schema/exact.js'
import { randomUUID } from 'node:crypto'

/** Which HTTP event shape to build: API Gateway REST (v1), HTTP API (v2) or a function URL; the same names as `HttpShape`. */
export type HttpVia = 'rest' | 'http-api' | 'function-url'

export interface BuildHttpEventOptions {
  readonly headers?: Readonly<Record<string, string>>
  /** Sent as `Authorization: Token <token>`. */
  readonly token?: string
  readonly base64?: boolean
  /** The raw body text, instead of the message's JSON. */
  readonly body?: string
}

/**
 * A Lambda event as API Gateway (REST `rest`, HTTP API `http-api`) or a function URL (`function-url`)
 * delivers an mParticle POST.
 */
export const httpEventFor = (message: unknown, via: HttpVia = 'http-api', options: BuildHttpEventOptions = {}): Record<string, unknown> => {
  const text = options.body ?? stringifyMessage(message)
  const body = options.base64 ? Buffer.from(text, 'utf8').toString('base64') : text
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'mParticle Firehose',
    ...(options.token !== undefined ? { Authorization: `Token ${options.token}` } : {}),
    ...options.headers,
  }
  const requestId = randomUUID()
  if (via === 'rest') {
    return {
      resource: '/',
      path: '/',
      httpMethod: 'POST',
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: null,
      requestContext: { requestId, httpMethod: 'POST', path: '/prod/', stage: 'prod', domainName: 'abc123.execute-api.us-east-1.amazonaws.com' },
      body,
      isBase64Encoded: options.base64 === true,
    }
  }
  const domainName = via === 'function-url' ? 'abc123.lambda-url.us-east-1.on.aws' : 'abc123.execute-api.us-east-1.amazonaws.com'
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    requestContext: { requestId, domainName, http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'mParticle Firehose' } },
    body,
    isBase64Encoded: options.base64 === true,
  }
}

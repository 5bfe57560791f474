import type { Context } from 'aws-lambda'
import { isFirehoseError } from '../../src/errors.js'
import { decodeMessage } from '../../src/schema/index.js'
import { isHttpAnswer } from '../../src/core/server-event.js'

/** What a fuzz target found wrong with one input, or undefined when the answer was acceptable. */
export type Verdict = string | undefined

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** `decodeMessage` never throws, and answers either a typed message or problems with paths. */
export const checkDecode = (value: unknown, mode: 'lenient' | 'strict'): Verdict => {
  let result: ReturnType<typeof decodeMessage>
  try {
    result = decodeMessage(value, { mode })
  } catch (error) {
    return `decodeMessage(${mode}) threw ${(error as Error)?.name}: ${(error as Error)?.message}`
  }
  if (result._tag === 'Left') {
    if (typeof result.left.message !== 'string' || !Array.isArray(result.left.problems) || result.left.problems.length === 0) return `decode failure without problems (${mode})`
    for (const p of result.left.problems) if (typeof p.path !== 'string' || typeof p.message !== 'string') return `malformed problem (${mode})`
    return undefined
  }
  if (!isRecord(result.right.message) || typeof result.right.message.type !== 'string') return `decoded message without a type (${mode})`
  if (!Array.isArray(result.right.problems)) return `decoded message without a problem list (${mode})`
  return undefined
}

/** A valid response envelope: a Firehose response type, decodable strictly. */
export const checkResponse = (response: unknown): Verdict => {
  if (!isRecord(response)) return `answered a ${response === null ? 'null' : typeof response}, not a response envelope`
  if (typeof response.type !== 'string' || !response.type.endsWith('_response')) return `answered type ${String(response.type)}`
  const decoded = decodeMessage(response, { mode: 'strict' })
  if (decoded._tag === 'Left') return `response does not decode strictly: ${decoded.left.message}`
  return undefined
}

/** A direct invocation resolves a valid envelope or rejects with a typed FirehoseError. */
export const checkDirect = async (handler: (event: unknown, context: Context) => Promise<unknown>, value: unknown, context: Context): Promise<Verdict> => {
  try {
    return checkResponse(await handler(value, context))
  } catch (error) {
    return isFirehoseError(error) ? undefined : `rejected with an untyped ${(error as Error)?.name ?? typeof error}`
  }
}

const STATUSES = new Set([200, 400, 401, 413, 429])

/** An HTTP event for a body text, in one of the shapes Lambda delivers. */
export const httpEvent = (text: string, via: 'rest' | 'http-api' | 'function-url', token: string): Record<string, unknown> => {
  const headers = { 'Content-Type': 'application/json', Authorization: `Token ${token}` }
  if (via === 'rest')
    return { resource: '/', path: '/', httpMethod: 'POST', headers, multiValueHeaders: {}, requestContext: { httpMethod: 'POST' }, body: text, isBase64Encoded: false }
  const domainName = via === 'function-url' ? 'abc.lambda-url.us-east-1.on.aws' : 'abc.execute-api.us-east-1.amazonaws.com'
  return { version: '2.0', routeKey: '$default', rawPath: '/', headers, requestContext: { domainName, http: { method: 'POST', path: '/' } }, body: text, isBase64Encoded: false }
}

/** Over HTTP: an answer with an expected status and a JSON body; a 200 carries a valid envelope. */
export const checkHttp = async (handler: (event: unknown, context: Context) => Promise<unknown>, event: unknown, context: Context): Promise<Verdict> => {
  let answer: unknown
  try {
    answer = await handler(event, context)
  } catch (error) {
    return `HTTP event rejected (${(error as Error)?.name}) instead of answering`
  }
  if (!isHttpAnswer(answer)) return 'HTTP event not answered with an HTTP answer'
  if (!STATUSES.has(answer.statusCode)) return `unexpected status ${answer.statusCode}`
  if (typeof answer.body !== 'string' || answer.body.length > 1_000_000) return `answer body missing or over 1 MB (${String(answer.body?.length)})`
  let body: unknown
  try {
    body = JSON.parse(answer.body)
  } catch {
    return 'answer body is not JSON'
  }
  if (answer.statusCode === 200) return checkResponse(body)
  return isRecord(body) && typeof body.error === 'string' ? undefined : 'error answer without an error kind'
}

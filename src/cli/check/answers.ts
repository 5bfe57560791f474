import * as E from 'fp-ts/lib/Either.js'
import { isRecord } from '../../schema/codec.js'
import { decodeMessage } from '../../schema/index.js'
import type { Answer, Endpoint } from './endpoint.js'
import type { CheckStatus } from './types.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value)

/** Short, printable, never a whole body. */
export const shorten = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const show = (value: unknown): string => shorten(typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value)))

/** Why a response is not the one expected: the type, the strict decoder's problems (paths), a non-UUID id. Empty when it is. */
export const responseProblems = (body: unknown, expectedType: string): string[] => {
  if (!isRecord(body)) return [`the answer is not a JSON object (${body === undefined ? 'empty body' : show(body)})`]
  if (body.type !== expectedType) return [`"type" is ${show(body.type)}, expected "${expectedType}"`]
  const problems: string[] = []
  const decoded = decodeMessage(body, { mode: 'strict' })
  if (E.isLeft(decoded)) for (const problem of decoded.left.problems.slice(0, 3)) problems.push(`${problem.path || '/'}: ${problem.message}`)
  if (!isUuid(body.id)) problems.push(`"id" ${show(body.id)} is not a UUID`)
  return problems
}

/**
 * Answered with a response: a 2xx over HTTP, a resolved invocation for a module (a rejection always
 * carries a reason). Not the same as kind 'suspend': that is also a refused subscription or erasure.
 */
export const isAccepted = (answer: Answer): boolean =>
  answer.status !== undefined ? answer.status >= 200 && answer.status < 300 : answer.kind !== 'unreachable' && answer.reason === undefined
export const isRefusedAuth = (answer: Answer): boolean => answer.status === 401 || answer.status === 403
const threw = (answer: Answer): boolean => answer.status === undefined && answer.kind === 'retryable' && (answer.reason ?? '').startsWith('the handler threw')

/** "HTTP 200 · event_processing_response · 3.2 ms", "rejected: permanent (reason) · 1 ms", "no answer (ECONNREFUSED)". */
export const describeAnswer = (answer: Answer): string => {
  if (answer.kind === 'unreachable') return `no answer: ${answer.reason ?? 'unreachable'}`
  const type = isRecord(answer.response) && typeof answer.response.type === 'string' ? answer.response.type : undefined
  const head = answer.status !== undefined ? `HTTP ${answer.status}` : isAccepted(answer) ? 'resolved' : 'rejected'
  const what = isAccepted(answer) ? (type ?? 'no message') : `${answer.kind}${answer.reason ? ` (${shorten(answer.reason, 80)})` : ''}`
  const suspend = answer.kind === 'suspend' ? ' with suspend_subscription' : ''
  return `${head} · ${what}${suspend} · ${answer.ms} ms`
}

export interface Verdict {
  readonly status: Exclude<CheckStatus, 'skip'>
  readonly line: string
}

/** How a valid message's answer reads: the matching, strictly valid response passes; a typed refusal warns; a broken answer fails. */
export const judgeAnswer = (label: string, answer: Answer, expectedType: string): Verdict => {
  const seen = `${label}: ${describeAnswer(answer)}`
  if (answer.kind === 'unreachable') return { status: 'fail', line: seen }
  if (isAccepted(answer)) {
    if (answer.status !== undefined && answer.status !== 200 && answer.status !== 202) return { status: 'fail', line: `${seen}: mParticle expects 200 or 202` }
    const problems = responseProblems(answer.response, expectedType)
    if (problems.length > 0) return { status: 'fail', line: `${seen}: ${problems.join('; ')}` }
    return answer.kind === 'suspend' ? { status: 'warn', line: `${seen}: the integration refused the settings` } : { status: 'pass', line: seen }
  }
  if (isRefusedAuth(answer)) return { status: 'fail', line: `${seen}: the token was refused` }
  if (answer.kind === 'decode') return { status: 'fail', line: `${seen}: a valid message was refused as undecodable` }
  if (answer.kind === 'too_large') return { status: 'fail', line: `${seen}: refused for its size` }
  if (threw(answer)) return { status: 'fail', line: `${seen}: the handler threw instead of answering` }
  if (answer.status !== undefined && answer.status >= 500 && answer.status !== 503) return { status: 'fail', line: `${seen}: a server error` }
  return { status: 'warn', line: `${seen}: refused by the integration` }
}

const RANK: Record<Verdict['status'], number> = { pass: 0, warn: 1, fail: 2 }
export const worst = (verdicts: ReadonlyArray<Verdict>): Verdict['status'] => verdicts.reduce<Verdict['status']>((acc, v) => (RANK[v.status] > RANK[acc] ? v.status : acc), 'pass')

/** What to do about a refusal the check may have caused itself (placeholder settings, a stand-in partner API). */
export const placeholderHint = (endpoint: Endpoint): string =>
  `The check sends the settings' defaults and placeholders (sample-<id>); give values the integration accepts with --setting id=value${
    endpoint.mockedPartner ? ', and note that its partner calls were answered 200 {} by a stand-in (--live-partner sends them)' : ''
  }.`

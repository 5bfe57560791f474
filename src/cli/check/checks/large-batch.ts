import { describeAnswer, judgeAnswer, placeholderHint } from '../answers.js'
import type { Answer } from '../endpoint.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { Check } from '../types.js'

/** An answer mParticle will send again later: 429 or 503 over HTTP, a retryable error (not a crash) from a function. */
const retryable = (answer: Answer): boolean =>
  answer.status !== undefined ? answer.status === 429 || answer.status === 503 : answer.kind === 'retryable' && !(answer.reason ?? '').startsWith('the handler threw')

/** About 1 MB and 1,000 events: answered within the budget, or retryable (queue mode, a deadline) rather than late. */
export const largeBatchCheck: Check = {
  id: 'large-batch',
  title: 'A 1,000-event batch (about 1 MB)',
  async run({ endpoint, messages, budgetMs }) {
    if (!messages.kinds.includes('events')) return { status: 'skip', why: 'No events declared.', details: [] }
    const text = JSON.stringify(messages.largeBatch())
    const answer = await endpoint.send(text)
    const size = `${(Buffer.byteLength(text) / 1_000_000).toFixed(2)} MB`
    const details = [`1,000 events, ${size}: ${describeAnswer(answer)}`]
    const fix = 'Answer a large batch within the budget: do less per event before answering (batch the partner calls, or enqueue: queue mode), or answer retryable (429 with Retry-After) before the budget runs out.'
    if (retryable(answer)) return { status: 'pass', why: `Answered retryable in ${answer.ms} ms: mParticle sends it again.`, details }
    const verdict = judgeAnswer('large batch', answer, RESPONSE_TYPE.events)
    if (verdict.status === 'fail') return { status: 'fail', why: `The large batch was not answered properly: ${verdict.line}.`, fix: answer.kind === 'too_large' ? 'Accept bodies up to 6 MB (Lambda\'s own limit).' : fix, details }
    if (answer.ms > budgetMs) return { status: 'fail', why: `Answered in ${answer.ms} ms, over the ${budgetMs} ms budget: mParticle times out and retries, and may disable the integration.`, fix, details }
    if (verdict.status === 'warn') return { status: 'warn', why: `Answered within the budget (${answer.ms} ms), but refused: ${verdict.line}.`, fix: placeholderHint(endpoint), details }
    return { status: 'pass', why: `Answered in ${answer.ms} ms, within the ${budgetMs} ms budget.`, details }
  },
}

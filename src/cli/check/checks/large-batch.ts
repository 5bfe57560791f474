import { describeAnswer, judgeAnswer, placeholderHint } from '../answers.js'
import type { Answer } from '../endpoint.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { Check } from '../types.js'

/** An answer mParticle will send again later: 429 or 503 over HTTP, a retryable error (not a crash) from a function. */
const retryable = (answer: Answer): boolean =>
  answer.status !== undefined ? answer.status === 429 || answer.status === 503 : answer.kind === 'retryable' && !(answer.reason ?? '').startsWith('the handler threw')

/** Sent this many times; the median is judged, so one pause of the machine running the check does not decide. */
const SENDS = 3

/** About 1 MB and 1,000 events: answered within the budget, or retryable (queue mode, a deadline) rather than late. */
export const largeBatchCheck: Check = {
  id: 'large-batch',
  title: 'A 1,000-event batch (about 1 MB)',
  async run({ endpoint, messages, budgetMs }) {
    if (!messages.kinds.includes('events')) return { status: 'skip', why: 'No events declared.', details: [] }
    const answers: Answer[] = []
    const details: string[] = []
    for (let i = 0; i < SENDS; i++) {
      const text = JSON.stringify(messages.largeBatch())
      const answer = await endpoint.send(text)
      answers.push(answer)
      details.push(`1,000 events, ${(Buffer.byteLength(text) / 1_000_000).toFixed(2)} MB: ${describeAnswer(answer)}`)
    }
    const answer = [...answers].sort((a, b) => a.ms - b.ms)[Math.floor(SENDS / 2)]!
    const fix =
      'Answer a large batch within the budget: do less per event before answering (batch the partner calls, or enqueue: queue mode), or answer retryable (429 with Retry-After) before the budget runs out.'
    if (answers.every(retryable)) return { status: 'pass', why: `Answered retryable (median ${answer.ms} ms): mParticle sends it again.`, details }
    const verdicts = answers.filter((a) => !retryable(a)).map((a) => ({ answer: a, verdict: judgeAnswer('large batch', a, RESPONSE_TYPE.events) }))
    const broken = verdicts.find(({ verdict }) => verdict.status === 'fail')
    if (broken !== undefined) {
      return {
        status: 'fail',
        why: `The large batch was not answered properly: ${broken.verdict.line}.`,
        fix: broken.answer.kind === 'too_large' ? "Accept bodies up to 6 MB (Lambda's own limit)." : fix,
        details,
      }
    }
    if (answer.ms > budgetMs)
      return {
        status: 'fail',
        why: `Answered in ${answer.ms} ms (median of ${SENDS}), over the ${budgetMs} ms budget: mParticle times out and retries, and may disable the integration.`,
        fix,
        details,
      }
    const refused = verdicts.find(({ verdict }) => verdict.status === 'warn')
    if (refused !== undefined)
      return { status: 'warn', why: `Answered within the budget (median ${answer.ms} ms), but refused: ${refused.verdict.line}.`, fix: placeholderHint(endpoint), details }
    return { status: 'pass', why: `Answered in ${answer.ms} ms (median of ${SENDS}), within the ${budgetMs} ms budget.`, details }
  },
}

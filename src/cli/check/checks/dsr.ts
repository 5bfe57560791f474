import { judgeAnswer, placeholderHint } from '../answers.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { Check } from '../types.js'

/** An erasure request is answered with a dsr_processing_response; a failure must travel as one (mParticle shows it), never as a 2xx. */
export const dsrCheck: Check = {
  id: 'dsr',
  title: 'Data subject (erasure) requests',
  async run({ endpoint, messages, declaration }) {
    if (declaration.dsr === undefined) return { status: 'skip', why: 'The registration declares no DSR processing.', details: [] }
    const details: string[] = []
    if (!declaration.dsr.types.includes('erasure')) {
      return {
        status: 'fail',
        why: 'dsr_processing_registration does not list "erasure", the one type mParticle forwards.',
        fix: 'Declare supported_dsr_types: ["erasure"].',
        details,
      }
    }
    const answer = await endpoint.send(JSON.stringify(messages.message('dsr')))
    const verdict = judgeAnswer('erasure request', answer, RESPONSE_TYPE.dsr)
    details.push(verdict.line)
    if (verdict.status === 'fail')
      return {
        status: 'fail',
        why: `The erasure request was not answered properly: ${verdict.line}.`,
        fix: 'Answer dsr_processing_request with a dsr_processing_response (UUID id), or a 4xx/429 when it failed.',
        details,
      }
    if (verdict.status === 'warn') return { status: 'warn', why: `Answered, but refused: ${verdict.line}.`, fix: placeholderHint(endpoint), details }
    return { status: 'pass', why: 'The erasure request was answered with a valid dsr_processing_response.', details }
  },
}

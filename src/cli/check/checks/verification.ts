import { judgeAnswer, worst, type Verdict } from '../answers.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { Check } from '../types.js'

/** mParticle checks a connection with requests that carry nothing: they must be answered like any other. */
export const verificationCheck: Check = {
  id: 'verification',
  title: 'Verification requests are answered',
  async run({ endpoint, messages }) {
    const verdicts: Verdict[] = []
    const notes: string[] = []
    const probe = async (label: string, message: unknown, expected: string): Promise<void> => {
      const answer = await endpoint.send(JSON.stringify(message))
      const verdict = judgeAnswer(label, answer, expected)
      // An empty request is answered whatever the settings: a refusal here is the endpoint's.
      verdicts.push(verdict.status === 'warn' ? { ...verdict, status: 'fail' } : verdict)
      if (answer.calls !== undefined && answer.calls.length > 0)
        notes.push(`${label}: the integration made ${answer.calls.length} partner call(s) for a request that carries no data`)
    }
    if (messages.kinds.includes('events')) await probe('event batch without events', messages.eventVerification(), RESPONSE_TYPE.events)
    if (messages.kinds.includes('membership')) await probe('membership change without user_profiles', messages.membershipVerification(), RESPONSE_TYPE.membership)
    if (verdicts.length === 0) return { status: 'skip', why: 'Neither events nor audiences are declared: mParticle sends no verification requests.', details: [] }
    const status = worst(verdicts)
    const details = [...verdicts.map((v) => v.line), ...notes]
    if (status !== 'pass') {
      return {
        status,
        why: `A verification request was not answered normally: ${verdicts.find((v) => v.status !== 'pass')!.line}.`,
        fix: 'Answer an event batch with no events (and a membership change without user_profiles) with the normal empty response, without calling your handlers or checking settings.',
        details,
      }
    }
    if (notes.length > 0)
      return {
        status: 'warn',
        why: "Verification requests were answered, but reached the integration's partner calls.",
        fix: "Answer verification requests without calling the partner's API.",
        details,
      }
    return { status, why: `${verdicts.length} verification request${verdicts.length === 1 ? '' : 's'} answered with the empty response.`, details }
  },
}

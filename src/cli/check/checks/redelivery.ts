import { describeAnswer } from '../answers.js'
import type { Answer } from '../endpoint.js'
import type { Check } from '../types.js'

const responseType = (answer: Answer): string => {
  const type = (answer.response as { type?: unknown } | undefined)?.type
  return typeof type === 'string' ? type : ''
}

const outcomeOf = (answer: Answer): string => `${answer.status ?? ''} ${answer.kind} ${responseType(answer)}`

/** mParticle retries on time-outs and errors, with the same message: the second delivery gets the same outcome. */
export const redeliveryCheck: Check = {
  id: 'redelivery',
  title: 'Redelivery gets the same outcome',
  async run({ endpoint, messages }) {
    if (messages.primary === undefined) return { status: 'skip', why: 'Nothing declared to deliver.', details: [] }
    // Not subscriptions: a repeated "add" may rightly answer differently (the first created the
    // partner-side list whose id the response carries, for mParticle to store).
    const kinds = messages.kinds.filter((kind) => kind !== 'subscription')
    const details: string[] = []
    const differing: string[] = []
    for (const kind of kinds) {
      const text = JSON.stringify(messages.message(kind, 7))
      const first = await endpoint.send(text)
      const second = await endpoint.send(text)
      const type = (JSON.parse(text) as { type: string }).type
      details.push(`${type}, first: ${describeAnswer(first)}`, `${type}, again: ${describeAnswer(second)}`)
      if (first.kind === 'unreachable' || outcomeOf(first) !== outcomeOf(second)) differing.push(type)
    }
    if (differing.length > 0) {
      return {
        status: 'fail',
        why: `The same ${differing.join(' and ')} got a different outcome the second time.`,
        fix: "Make delivery idempotent: key work by the message and event ids (firehose()'s checkpoints option skips what was already delivered) and answer a redelivery as the first delivery was answered.",
        details,
      }
    }
    return { status: 'pass', why: `The same message sent twice got the same outcome (${kinds.length} request type${kinds.length === 1 ? '' : 's'}).`, details }
  },
}

import { judgeAnswer, placeholderHint, worst } from '../answers.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { Check } from '../types.js'

/** Every request type the registration declares gets its own response type, strictly valid, with a UUID id. */
export const responsesCheck: Check = {
  id: 'responses',
  title: 'Each declared request gets its response',
  async run({ endpoint, messages }) {
    const verdicts = []
    for (const kind of messages.kinds) {
      const message = messages.message(kind)
      const answer = await endpoint.send(JSON.stringify(message))
      verdicts.push(judgeAnswer(`${message.type as string}`, answer, RESPONSE_TYPE[kind]))
    }
    const status = worst(verdicts)
    const details = verdicts.map((v) => v.line)
    if (status === 'fail') {
      const first = verdicts.find((v) => v.status === 'fail')!
      return {
        status,
        why: `A declared request did not get a valid response: ${first.line}.`,
        fix: 'Answer each request with the matching *_response type (event_processing_request → event_processing_response, ...), 200 or 202, with a UUID "id" (echo the request\'s or make one), timestamp_ms and firehose_version "3.2.0".',
        details,
      }
    }
    if (status === 'warn') return { status, why: 'Every declared request was answered, but the integration refused some (see details).', fix: placeholderHint(endpoint), details }
    return {
      status,
      why: `${verdicts.length} declared request type${verdicts.length === 1 ? '' : 's'} answered with the matching response, valid in strict mode, UUID ids.`,
      details,
    }
  },
}

import { FIREHOSE_VERSION } from '../../../schema/index.js'
import { uuid } from '../../../testing/builders.js'
import { describeAnswer } from '../answers.js'
import type { Answer } from '../endpoint.js'
import type { Check } from '../types.js'

/** What mParticle reads from an answer to a message that can never succeed: a 4xx ends it, a 5xx is retried. */
const clientError = (answer: Answer): boolean =>
  answer.status !== undefined ? answer.status >= 400 && answer.status < 500 : answer.kind === 'decode' || answer.kind === 'permanent'

/** Malformed JSON and a wrong message type get a 4xx (or a non-retryable rejection), never a 5xx, and the endpoint keeps answering. */
export const badInputCheck: Check = {
  id: 'bad-input',
  title: 'Malformed JSON and wrong message types',
  async run({ endpoint, messages }) {
    const probes: Array<[string, string]> = [
      ...(endpoint.via === 'http' ? [['malformed JSON', '{"type":"event_processing_request","id":"' + uuid() + '","events":[{"type":'] as [string, string]] : []),
      ['a response type sent as a request', JSON.stringify({ type: 'event_processing_response', id: uuid(), timestamp_ms: Date.now(), firehose_version: FIREHOSE_VERSION })],
      ['an unknown message type', JSON.stringify({ type: 'event_processing_request_v9', id: uuid(), timestamp_ms: Date.now(), firehose_version: FIREHOSE_VERSION })],
      ['not an object', JSON.stringify(['event_processing_request'])],
    ]
    const details: string[] = endpoint.via === 'module' ? ['malformed JSON: not applicable (Lambda parses the payload before the handler runs)'] : []
    const wrong: string[] = []
    for (const [label, text] of probes) {
      const answer = await endpoint.send(text)
      const line = `${label}: ${describeAnswer(answer)}`
      details.push(line)
      if (!clientError(answer)) wrong.push(line)
    }
    const after = messages.primary === undefined ? undefined : await endpoint.send(JSON.stringify(messages.message(messages.primary)))
    if (after !== undefined) details.push(`then a valid message: ${describeAnswer(after)}`)
    const stopped = after !== undefined && (after.kind === 'unreachable' || (after.status !== undefined && after.status >= 500))
    if (wrong.length > 0 || stopped) {
      const first = wrong[0] ?? details[details.length - 1]!
      return {
        status: 'fail',
        why: stopped
          ? `The endpoint stopped answering after bad input (${describeAnswer(after!)}).`
          : `${first}: ${wrong.some((line) => /HTTP 5\d\d|threw|no answer/.test(line)) ? 'a 5xx (or a crash) makes mParticle retry a message that can never succeed' : 'bad input must be refused'}.`,
        fix:
          endpoint.via === 'http'
            ? 'Parse the body in a try/catch and answer 400 with what is wrong (JSON path and expectation), never a stack trace; keep the process alive.'
            : 'Reject a message that does not decode with a non-retryable error (firehose() rejects with a decode FirehoseError); never let an exception escape.',
        details,
      }
    }
    return {
      status: 'pass',
      why: `${probes.length} bad inputs refused with ${endpoint.via === 'http' ? 'a 4xx' : 'a non-retryable error'}; the endpoint kept answering.`,
      details,
    }
  },
}

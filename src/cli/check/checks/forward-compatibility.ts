import { describeAnswer, judgeAnswer, placeholderHint } from '../answers.js'
import { RESPONSE_TYPE, UNKNOWN_ENUM_VALUE, UNKNOWN_EVENT_TYPE } from '../messages.js'
import type { Check } from '../types.js'

/**
 * mParticle adds event types and enum values without notice. A batch carrying ones the endpoint
 * has never seen must still be answered, and the events it knows must go through as they would
 * alone (the Java SDK rejects the whole batch for one new event type).
 */
export const forwardCompatibilityCheck: Check = {
  id: 'forward-compatibility',
  title: 'Unknown event types and enum values',
  async run({ endpoint, messages }) {
    if (!messages.kinds.includes('events')) return { status: 'skip', why: 'No events declared.', details: [] }
    const baseline = await endpoint.send(JSON.stringify(messages.eventBatch(messages.knownEvents())))
    const { message, known } = messages.forwardBatch()
    const future = await endpoint.send(JSON.stringify(message))
    const details = [
      `${known} known event${known === 1 ? '' : 's'} alone: ${describeAnswer(baseline)}`,
      `the same with an event of type "${UNKNOWN_EVENT_TYPE}", a value "${UNKNOWN_ENUM_VALUE}" and an unknown field: ${describeAnswer(future)}`,
    ]
    const verdict = judgeAnswer('batch with unknown type and value', future, RESPONSE_TYPE.events)
    const fix =
      'Skip (and log) events of types you do not handle and tolerate unknown enum values and fields: deliver the rest of the batch and answer 200 (firehose() decodes leniently and does).'
    if (verdict.status === 'fail' || (future.kind !== baseline.kind && baseline.kind !== 'unreachable')) {
      return {
        status: 'fail',
        why: `The batch with an unknown event type was answered ${describeAnswer(future)}, where the known events alone were answered ${describeAnswer(baseline)}.`,
        fix,
        details,
      }
    }
    if (baseline.calls !== undefined && future.calls !== undefined) {
      details.push(`partner calls: ${baseline.calls.length} for the known events alone, ${future.calls.length} with the unknown ones`)
      if (future.calls.length < baseline.calls.length) {
        return {
          status: 'fail',
          why: `The known events were not all delivered next to unknown ones (${future.calls.length} partner calls instead of ${baseline.calls.length}).`,
          fix,
          details,
        }
      }
    }
    if (verdict.status === 'warn') return { status: 'warn', why: `Answered like the known events alone, but refused: ${verdict.line}.`, fix: placeholderHint(endpoint), details }
    return { status: 'pass', why: 'An unknown event type, enum value and field changed nothing: answered as the known events alone.', details }
  },
}

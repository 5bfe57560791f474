import { summarizeLatency } from '../../latency.js'
import { describeAnswer, isAccepted, placeholderHint } from '../answers.js'
import type { Check } from '../types.js'

/** `requests` realistic messages, one at a time: p50, p95 and p99 against the budget; p99 over it fails. */
export const latencyCheck: Check = {
  id: 'latency',
  title: 'Latency against the budget',
  async run({ endpoint, messages, budgetMs, requests, onLatencyProgress }) {
    const kind = messages.primary
    if (kind === undefined) return { status: 'skip', why: 'Nothing declared to deliver.', details: [] }
    const samples: number[] = []
    let unreachable: string | undefined
    let refused = 0
    let firstRefusal: string | undefined
    for (let i = 0; i < requests; i++) {
      const answer = await endpoint.send(JSON.stringify(messages.message(kind, i)))
      if (answer.kind === 'unreachable') unreachable ??= describeAnswer(answer)
      else samples.push(answer.ms)
      if (answer.kind !== 'unreachable' && !isAccepted(answer)) {
        refused += 1
        firstRefusal ??= describeAnswer(answer)
      }
      onLatencyProgress?.(i + 1, requests)
    }
    const summary = summarizeLatency(samples)
    const overBudget = samples.filter((ms) => ms > budgetMs).length
    const latency = { requests, samplesMs: samples, ...summary, overBudget }
    const line = `p50 ${summary.p50} ms · p95 ${summary.p95} ms · p99 ${summary.p99} ms · max ${summary.max} ms (budget ${budgetMs} ms)`
    const details = [`${requests} ${kind === 'events' ? 'event batches' : `${kind} requests`} of 1 to 12 items, one at a time: ${line}`, `${overBudget} over the budget`]
    if (unreachable !== undefined) details.push(`${requests - samples.length} not answered, first: ${unreachable}`)
    if (refused > 0) details.push(`${refused} answered with a refusal, first: ${firstRefusal}`)
    const where = endpoint.via === 'http' ? 'over HTTP' : 'for a direct Lambda invocation'
    if (samples.length === 0)
      return { status: 'fail', why: `No request was answered (${unreachable}).`, fix: 'Make the endpoint reachable from here and try again.', details, latency }
    if (summary.p99 > budgetMs) {
      return {
        status: 'fail',
        why: `p99 is ${summary.p99} ms, over mParticle's ${budgetMs} ms budget ${where}: ${overBudget} of ${samples.length} answers were late.`,
        fix: "Answer before calling slow APIs (queue mode: firehose-kit's queueIngress enqueues on SQS and a worker delivers), keep connections to the partner API alive, batch partner calls, and keep cold starts small.",
        details,
        latency,
      }
    }
    if (unreachable !== undefined)
      return {
        status: 'fail',
        why: `Some requests were not answered (${unreachable}).`,
        fix: 'Find why the endpoint dropped requests (crashes, connection limits).',
        details,
        latency,
      }
    if (refused > 0)
      return {
        status: 'warn',
        why: `Within the budget (${line}), but ${refused} of ${requests} were refused, so the timing may not be that of real deliveries.`,
        fix: placeholderHint(endpoint),
        details,
        latency,
      }
    return { status: 'pass', why: `${line}: within the budget ${where}.`, details, latency }
  },
}

import type { ReplayReport } from '../commands/replay.js'
import { OUTCOME_KINDS } from '../outcome.js'
import type { ReportPage, ReportRow } from './html.js'

const TITLES: Record<string, string> = {
  delivered: 'Delivered',
  suspend: 'Suspend subscription',
  retryable: 'Retryable (mParticle sends again)',
  permanent: 'Failed for good',
  decode: 'Undecodable',
  unauthorized: 'Refused: token',
  too_large: 'Refused: too large',
  unreachable: 'No answer',
}

/** A replay as the same kind of page as `firehose check`: one row per outcome seen, one for latency, and the histogram. */
export const replayPage = (report: ReplayReport, samplesMs: ReadonlyArray<number>): ReportPage => {
  const rows: ReportRow[] = OUTCOME_KINDS.filter((kind) => report.outcomes[kind] > 0 || kind === 'delivered').map((kind) => {
    const count = report.outcomes[kind]
    const listed = report.failures.filter((failure) => failure.kind === kind)
    return {
      status: kind === 'delivered' ? (count === report.messages ? 'pass' : 'warn') : 'fail',
      name: kind,
      title: TITLES[kind] ?? kind,
      why: `${count} of ${report.messages} message${report.messages === 1 ? '' : 's'}.`,
      details: listed.map((failure) => `${failure.source}${failure.status !== undefined ? ` · HTTP ${failure.status}` : ''}${failure.reason ? ` · ${failure.reason}` : ''}`),
    }
  })
  const { p50, p95, p99, max } = report.latencyMs
  rows.push({
    status: report.withinBudget ? 'pass' : 'fail',
    name: 'latency',
    title: 'Latency against the budget',
    why: `p50 ${p50} ms · p95 ${p95} ms · p99 ${p99} ms · max ${max} ms: p99 ${report.withinBudget ? 'within' : 'over'} the ${report.budgetMs} ms budget (${report.overBudget} over).`,
    ...(report.withinBudget ? {} : { fix: 'Answer before calling slow APIs (queue mode), keep partner connections alive, batch partner calls.' }),
  })
  const allDelivered = report.outcomes.delivered === report.messages
  const failed = rows.filter((row) => row.status === 'fail').length
  return {
    title: 'firehose replay',
    subject: report.to,
    verdict: allDelivered && report.withinBudget ? 'pass' : 'fail',
    verdictText: `${report.outcomes.delivered} of ${report.messages} delivered; p99 ${p99} ms ${report.withinBudget ? 'within' : 'over'} the ${report.budgetMs} ms budget${failed > 0 ? ` (${failed} row${failed === 1 ? '' : 's'} failed)` : ''}.`,
    facts: [
      ['Endpoint', report.to],
      ['Sent', report.via === 'http' ? 'over HTTP' : 'by direct invocation (as Lambda)'],
      ['Messages', String(report.messages)],
      ['Concurrency', String(report.concurrency)],
      ['Duration', `${(report.durationMs / 1000).toFixed(1)} s`],
    ],
    rowsTitle: 'Outcomes',
    rows,
    latency: { samplesMs, budgetMs: report.budgetMs, p50, p95, p99, max, requests: samplesMs.length },
  }
}

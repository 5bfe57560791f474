import type { CheckReport } from '../check/run.js'
import type { ReportPage } from './html.js'

/** The check report as a page: one row per check, and the latency histogram. */
export const checkPage = (report: CheckReport): ReportPage => {
  const { pass, fail, warn, skip } = report.counts
  return {
    title: 'firehose check',
    subject: report.target,
    verdict: report.verdict,
    verdictText:
      report.verdict === 'pass'
        ? `Ready to submit to mParticle: ${pass} passed, ${warn} warned, ${skip} not applicable.`
        : `Not ready: ${fail} check${fail === 1 ? '' : 's'} failed (${report.checks
            .filter((c) => c.status === 'fail')
            .map((c) => c.id)
            .join(', ')}); ${pass} passed, ${warn} warned, ${skip} not applicable.`,
    facts: [
      ['Endpoint', report.target],
      ['Checked', report.via === 'http' ? 'over HTTP' : 'by direct invocation (as Lambda)'],
      ['Budget', `${report.budgetMs} ms`],
      ...(report.registration
        ? [['Registration', `${[report.registration.name, report.registration.version].filter(Boolean).join(' ')}: ${report.registration.declares}`] as const]
        : []),
      ['Started', report.startedAt],
      ['Duration', `${(report.durationMs / 1000).toFixed(1)} s`],
    ],
    rowsTitle: 'Checks',
    rows: report.checks.map((check) => ({
      status: check.status,
      name: check.id,
      title: check.title,
      why: check.why,
      ...(check.fix ? { fix: check.fix } : {}),
      details: check.details,
    })),
    ...(report.latency
      ? {
          latency: {
            samplesMs: report.latency.samplesMs,
            budgetMs: report.budgetMs,
            p50: report.latency.p50,
            p95: report.latency.p95,
            p99: report.latency.p99,
            max: report.latency.max,
            requests: report.latency.requests,
          },
        }
      : {}),
  }
}

import type { CheckReport } from '../check/run.js'
import type { CheckStatus } from '../check/types.js'

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' }

/** The check report as a terminal table: one row per check; how to fix and the evidence under the ones that failed or warned. */
export const checkTable = (report: CheckReport): string => {
  const where = report.via === 'http' ? 'HTTP' : 'direct invocation'
  const lines = [`firehose check → ${report.target} (${where}, budget ${report.budgetMs} ms)`]
  if (report.registration) lines.push(`${[report.registration.name, report.registration.version].filter(Boolean).join(' ')} declares ${report.registration.declares}`)
  lines.push('')
  const width = Math.max(5, ...report.checks.map((check) => check.id.length))
  lines.push(` status  ${'check'.padEnd(width)}  result`, ` ${'─'.repeat(6)}  ${'─'.repeat(width)}  ${'─'.repeat(40)}`)
  const indent = ' '.repeat(10 + width)
  for (const check of report.checks) {
    lines.push(` ${LABEL[check.status].padEnd(6)}  ${check.id.padEnd(width)}  ${check.why}`)
    if (check.status === 'fail' || check.status === 'warn') {
      if (check.fix) lines.push(`${indent}how to fix: ${check.fix}`)
      for (const detail of check.details.slice(0, 8)) lines.push(`${indent}· ${detail}`)
      if (check.details.length > 8) lines.push(`${indent}· … ${check.details.length - 8} more (--json or --report)`)
    }
  }
  lines.push('')
  if (report.latency) {
    const { p50, p95, p99, max, requests, overBudget } = report.latency
    lines.push(`latency over ${requests} requests: p50 ${p50} ms · p95 ${p95} ms · p99 ${p99} ms · max ${max} ms · ${overBudget} over the ${report.budgetMs} ms budget`)
  }
  const { pass, fail, warn, skip } = report.counts
  lines.push(`${pass} passed, ${fail} failed, ${warn} warned, ${skip} skipped: ${report.verdict === 'pass' ? 'ready to submit to mParticle' : 'not ready: fix what failed'}`)
  return lines.join('\n')
}

import { writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { integerOption, parse, positionals, stringOption } from '../args.js'
import { EXIT, UsageError, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { renderReportPage } from '../report/html.js'
import { replayPage } from '../report/replay-page.js'
import { mapPool } from '../../core/pool.js'
import { pathIn, type CliIo } from '../io.js'
import { summarizeLatency, type LatencySummary } from '../latency.js'
import { readMessages, type SourcedMessage } from '../message-source.js'
import { OUTCOME_KINDS, type OutcomeKind } from '../outcome.js'
import { note, print } from '../output.js'
import { createProgress } from '../progress.js'
import { createTarget, isUrl, type Delivery, type Target } from '../target.js'
import { defaultToken } from './send.js'

/** At most this many failures are listed in the report; the counts cover all. */
const MAX_LISTED_FAILURES = 100

export interface ReplayReport {
  readonly to: string
  readonly via: 'http' | 'module'
  readonly messages: number
  readonly concurrency: number
  readonly durationMs: number
  readonly outcomes: Record<OutcomeKind, number>
  readonly latencyMs: LatencySummary
  readonly budgetMs: number
  /** Whether p99 is within mParticle's budget for this kind of target. */
  readonly withinBudget: boolean
  readonly overBudget: number
  readonly failures: ReadonlyArray<{ source: string; kind: OutcomeKind; status?: number; reason?: string }>
}

const runAll = async (messages: ReadonlyArray<SourcedMessage>, target: Target, concurrency: number, onDone: (message: SourcedMessage, delivery: Delivery) => void) =>
  (await mapPool(messages, concurrency, async (message) => {
    const delivery = await target.deliver(message.text)
    onDone(message, delivery)
    return delivery
  })) as Delivery[]

export const buildReport = (
  target: Target,
  messages: ReadonlyArray<SourcedMessage>,
  deliveries: ReadonlyArray<Delivery>,
  concurrency: number,
  durationMs: number,
): ReplayReport => {
  const outcomes = Object.fromEntries(OUTCOME_KINDS.map((kind) => [kind, 0])) as Record<OutcomeKind, number>
  for (const delivery of deliveries) outcomes[delivery.kind] += 1
  // Latency of answers only: an unreachable target's time-outs, and messages that could not even be
  // sent (not JSON, for a module), say nothing about the handler.
  const answered = deliveries.filter((delivery) => delivery.kind !== 'unreachable' && delivery.unsent !== true).map((delivery) => delivery.latencyMs)
  const latencyMs = summarizeLatency(answered)
  const failures = deliveries
    .map((delivery, index) => ({ delivery, source: messages[index]!.source }))
    .filter(({ delivery }) => delivery.kind !== 'delivered')
    .slice(0, MAX_LISTED_FAILURES)
    .map(({ delivery, source }) => ({
      source,
      kind: delivery.kind,
      ...(delivery.status !== undefined ? { status: delivery.status } : {}),
      ...(delivery.reason !== undefined ? { reason: delivery.reason } : {}),
    }))
  return {
    to: target.label,
    via: target.via,
    messages: messages.length,
    concurrency,
    durationMs: Math.round(durationMs),
    outcomes,
    latencyMs,
    budgetMs: target.budgetMs,
    withinBudget: latencyMs.p99 <= target.budgetMs,
    overBudget: answered.filter((ms) => ms > target.budgetMs).length,
    failures,
  }
}

const printSummary = (report: ReplayReport, io: CliIo): void => {
  print(io, `${report.messages} messages → ${report.to} in ${report.durationMs} ms (concurrency ${report.concurrency})`)
  print(io, 'outcomes:')
  const width = Math.max(...OUTCOME_KINDS.map((kind) => kind.length))
  for (const kind of OUTCOME_KINDS) if (report.outcomes[kind] > 0 || kind === 'delivered') print(io, `  ${kind.padEnd(width)}  ${report.outcomes[kind]}`)
  const { p50, p95, p99, max } = report.latencyMs
  const where = report.via === 'http' ? 'over HTTP' : 'on Lambda'
  print(io, `latency: p50 ${p50} ms · p95 ${p95} ms · p99 ${p99} ms · max ${max} ms`)
  print(
    io,
    `budget ${report.budgetMs} ms ${where}: p99 ${report.withinBudget ? 'within budget' : 'OVER budget'} (${report.overBudget} message${report.overBudget === 1 ? '' : 's'} over)`,
  )
  for (const failure of report.failures.slice(0, 10)) print(io, `  ${failure.source}: ${failure.kind}${failure.reason ? ` (${failure.reason})` : ''}`)
  if (report.failures.length > 10) print(io, `  … ${report.failures.length - 10} more in the report`)
}

export const replay = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, {
    to: { type: 'string' },
    concurrency: { type: 'string' },
    out: { type: 'string' },
    report: { type: 'string' },
    token: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    'mock-partner': { type: 'boolean' },
  })
  if (parsed.values.help) return showHelp('replay', io)
  const [input] = positionals(parsed, ['dir|ndjson'])
  const to = stringOption(parsed, 'to')
  if (to === undefined) throw new UsageError('missing --to <url|module>')
  if (parsed.values['mock-partner'] && isUrl(to)) throw new UsageError('--mock-partner needs a module target: a server makes its own partner calls')
  const concurrency = integerOption(parsed, 'concurrency', { min: 1, max: 1000 }) ?? 4
  // A report file only when asked for: a replay leaves nothing behind by default.
  const out = stringOption(parsed, 'out')

  const messages = await readMessages(pathIn(io, input!), input!)
  const target = await createTarget(to, io, {
    token: stringOption(parsed, 'token') ?? defaultToken(io.env),
    quiet: parsed.values.quiet === true,
    mockPartner: parsed.values['mock-partner'] === true,
  })
  const progress = parsed.values.quiet === true ? { tick: () => {}, done: () => {} } : createProgress(messages.length, io.stderr)
  const started = performance.now()
  const deliveries = await runAll(messages, target, concurrency, (message, delivery) =>
    progress.tick({ source: message.source, kind: delivery.kind, latencyMs: delivery.latencyMs }),
  )
  progress.done()
  const report = buildReport(target, messages, deliveries, concurrency, performance.now() - started)
  printSummary(report, io)
  if (out !== undefined) {
    await writeFile(pathIn(io, out), `${JSON.stringify(report, null, 2)}\n`)
    note(io, `report written to ${out}`)
  }
  const page = stringOption(parsed, 'report')
  if (page !== undefined) {
    await writeFile(
      pathIn(io, page),
      renderReportPage(
        replayPage(
          report,
          deliveries.filter((delivery) => delivery.kind !== 'unreachable').map((delivery) => delivery.latencyMs),
        ),
      ),
    )
    note(io, `HTML report written to ${page}`)
  }
  return report.outcomes.delivered === report.messages ? EXIT.ok : EXIT.failure
}

import { writeFile } from 'node:fs/promises'
import { BUDGET_MS, isUrl } from '../target.js'
import { integerOption, parse, positionals, stringOption } from '../args.js'
import { EXIT, UsageError, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { createEndpoint, type Clock, type Endpoint } from '../check/endpoint.js'
import { latencyProgress } from '../check/progress.js'
import { pathIn, type CliIo } from '../io.js'
import { runChecks, type CheckReport } from '../check/run.js'
import { checkPage } from '../report/check-page.js'
import { renderReportPage } from '../report/html.js'
import { checkJunit } from '../report/junit.js'
import { checkTable } from '../report/table.js'
import { defaultToken, settingOverrides } from './send.js'

/** What tests may replace: the clock latency is measured with, and how the endpoint is built. */
export interface CheckSeams {
  /** Latency is measured with this clock (monotonic ms). */
  readonly clock?: Clock
  /** Builds the endpoint (tests may wrap it). */
  readonly endpoint?: (to: string, options: Parameters<typeof createEndpoint>[1], io: CliIo) => Promise<Endpoint>
}

export const checkReportJson = (report: CheckReport): string => JSON.stringify(report, null, 2)

/** `firehose check <url | module>`: certify an endpoint against the protocol and mParticle's latency budget. */
export const checkCommand = async (argv: ReadonlyArray<string>, io: CliIo, seams: CheckSeams = {}): Promise<ExitCode> => {
  const out = (text: string): void => void io.stdout.write(`${text}\n`)
  const parsed = parse(argv, {
    token: { type: 'string' },
    report: { type: 'string' },
    json: { type: 'boolean' },
    junit: { type: 'string' },
    'budget-ms': { type: 'string' },
    requests: { type: 'string' },
    setting: { type: 'string', multiple: true },
    'live-partner': { type: 'boolean' },
  })
  if (parsed.values.help) return showHelp('check', io)
  const [to] = positionals(parsed, ['url|module'])
  const viaHttp = isUrl(to!)
  if (parsed.values['live-partner'] && viaHttp) throw new UsageError('--live-partner is for module targets: a server makes its own partner calls')
  const budgetMs = integerOption(parsed, 'budget-ms', { min: 1, max: 900_000 }) ?? (viaHttp ? BUDGET_MS.http : BUDGET_MS.module)
  const requests = integerOption(parsed, 'requests', { min: 1, max: 100_000 }) ?? 200
  const settings = settingOverrides(parsed)
  const token = stringOption(parsed, 'token') ?? defaultToken(io.env)
  const endpointOptions = { token, livePartner: parsed.values['live-partner'] === true, ...(seams.clock ? { clock: seams.clock } : {}) }
  const endpoint = await (seams.endpoint ?? createEndpoint)(to!, endpointOptions, io)

  const report = await runChecks(endpoint, { budgetMs, requests, settings, onLatencyProgress: latencyProgress(io.stderr) })

  if (parsed.values.json) out(checkReportJson(report))
  else out(checkTable(report))
  const junit = stringOption(parsed, 'junit')
  if (junit !== undefined) {
    await writeFile(pathIn(io, junit), checkJunit(report))
    io.stderr.write(`JUnit report written to ${junit}\n`)
  }
  const html = stringOption(parsed, 'report')
  if (html !== undefined) {
    await writeFile(pathIn(io, html), renderReportPage(checkPage(report)))
    io.stderr.write(`report written to ${html}\n`)
  }
  return report.verdict === 'pass' ? EXIT.ok : EXIT.failure
}

import { writeFile } from 'node:fs/promises'
import { BUDGET_MS, isUrl } from '../target.js'
import { integerOption, parse, positionals, stringOption } from '../args.js'
import { EXIT, UsageError, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { createEndpoint, type Clock, type Endpoint } from '../check/endpoint.js'
import { latencyProgress, type ProgressStream } from '../check/progress.js'
import { runChecks, type CheckReport } from '../check/run.js'
import { checkPage } from '../report/check-page.js'
import { renderReportPage } from '../report/html.js'
import { checkJunit } from '../report/junit.js'
import { checkTable } from '../report/table.js'
import { defaultToken, settingOverrides } from './send.js'

/** What the command writes to and measures with; tests pass their own. */
export interface CheckIo {
  /** Results: the table or the JSON. */
  readonly out: (text: string) => void
  /** Notes and the progress bar. */
  readonly err: ProgressStream
  /** Latency is measured with this clock (monotonic ms). */
  readonly clock?: Clock
  /** Builds the endpoint (tests may wrap it). */
  readonly endpoint?: (to: string, options: Parameters<typeof createEndpoint>[1]) => Promise<Endpoint>
}

const processIo: CheckIo = { out: (text) => void process.stdout.write(`${text}\n`), err: process.stderr }

export const checkReportJson = (report: CheckReport): string => JSON.stringify(report, null, 2)

/** `firehose check <url | module>`: certify an endpoint against the protocol and mParticle's latency budget. */
export const checkCommand = async (argv: ReadonlyArray<string>, io: CheckIo = processIo): Promise<ExitCode> => {
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
  if (parsed.values.help) return showHelp('check')
  const [to] = positionals(parsed, ['url|module'])
  const viaHttp = isUrl(to!)
  if (parsed.values['live-partner'] && viaHttp) throw new UsageError('--live-partner is for module targets: a server makes its own partner calls')
  const budgetMs = integerOption(parsed, 'budget-ms', { min: 1, max: 900_000 }) ?? (viaHttp ? BUDGET_MS.http : BUDGET_MS.module)
  const requests = integerOption(parsed, 'requests', { min: 1, max: 100_000 }) ?? 200
  const settings = settingOverrides(parsed)
  const token = stringOption(parsed, 'token') ?? defaultToken()
  const endpointOptions = { token, livePartner: parsed.values['live-partner'] === true, ...(io.clock ? { clock: io.clock } : {}) }
  const endpoint = await (io.endpoint ?? createEndpoint)(to!, endpointOptions)

  const report = await runChecks(endpoint, { budgetMs, requests, settings, onLatencyProgress: latencyProgress(io.err) })

  if (parsed.values.json) io.out(checkReportJson(report))
  else io.out(checkTable(report))
  const junit = stringOption(parsed, 'junit')
  if (junit !== undefined) {
    await writeFile(junit, checkJunit(report))
    io.err.write(`JUnit report written to ${junit}\n`)
  }
  const html = stringOption(parsed, 'report')
  if (html !== undefined) {
    await writeFile(html, renderReportPage(checkPage(report)))
    io.err.write(`report written to ${html}\n`)
  }
  return report.verdict === 'pass' ? EXIT.ok : EXIT.failure
}

import { audiencesCheck } from './checks/audiences.js'
import { authCheck } from './checks/auth.js'
import { badInputCheck } from './checks/bad-input.js'
import { dsrCheck } from './checks/dsr.js'
import { forwardCompatibilityCheck } from './checks/forward-compatibility.js'
import { largeBatchCheck } from './checks/large-batch.js'
import { latencyCheck } from './checks/latency.js'
import { redeliveryCheck } from './checks/redelivery.js'
import { registrationCheck, runRegistration } from './checks/registration.js'
import { responsesCheck } from './checks/responses.js'
import { verificationCheck } from './checks/verification.js'
import { describeDeclaration } from './declaration.js'
import type { Endpoint } from './endpoint.js'
import { createMessageFactory } from './messages.js'
import { result, type Check, type CheckResult, type CheckStatus, type LatencyRun } from './types.js'

/** The checks after registration, in the order they run and are shown. */
export const CHECKS: ReadonlyArray<Check> = [
  responsesCheck,
  verificationCheck,
  authCheck,
  forwardCompatibilityCheck,
  badInputCheck,
  // Latency first: the large batch is then measured on a warm endpoint, as mParticle's traffic finds it.
  latencyCheck,
  largeBatchCheck,
  redeliveryCheck,
  audiencesCheck,
  dsrCheck,
]

export interface CheckReport {
  readonly target: string
  readonly via: 'http' | 'module'
  readonly budgetMs: number
  readonly requests: number
  readonly startedAt: string
  readonly durationMs: number
  readonly registration?: { readonly name?: string; readonly version?: string; readonly declares: string }
  readonly checks: ReadonlyArray<CheckResult>
  readonly latency?: LatencyRun
  readonly counts: Record<CheckStatus, number>
  /** fail when any check failed. */
  readonly verdict: 'pass' | 'fail'
}

export interface RunOptions {
  readonly budgetMs: number
  readonly requests: number
  /** `--setting id=value`: account and subscription settings the samples carry. */
  readonly settings?: Record<string, string>
  readonly onLatencyProgress?: (done: number, total: number) => void
  /** Wall-clock time, for the report's date and duration. */
  readonly now?: () => number
}

export const countStatuses = (checks: ReadonlyArray<Pick<CheckResult, 'status'>>): Record<CheckStatus, number> => {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 }
  for (const check of checks) counts[check.status] += 1
  return counts
}

/** Runs every check against one endpoint, one request at a time. Never throws for what the endpoint does. */
export const runChecks = async (endpoint: Endpoint, options: RunOptions): Promise<CheckReport> => {
  const now = options.now ?? Date.now
  const started = now()
  const bootstrap = createMessageFactory({ raw: undefined }, options.settings)
  const { outcome, declaration } = await runRegistration(endpoint, bootstrap)
  const checks: Array<CheckResult & { latency?: LatencyRun }> = [result(registrationCheck, outcome)]
  if (declaration === undefined) {
    for (const check of CHECKS) checks.push(result(check, { status: 'skip', why: 'Needs a registration response to know what to send.', details: [] }))
  } else {
    const messages = createMessageFactory(declaration, options.settings)
    const context = {
      endpoint,
      budgetMs: options.budgetMs,
      requests: options.requests,
      declaration,
      messages,
      ...(options.onLatencyProgress ? { onLatencyProgress: options.onLatencyProgress } : {}),
    }
    for (const check of CHECKS) {
      try {
        checks.push(result(check, await check.run(context)))
      } catch (error) {
        checks.push(result(check, { status: 'fail', why: `The check could not run: ${(error as Error).message}`, details: [] }))
      }
    }
  }
  const latency = checks.find((check) => check.latency !== undefined)?.latency
  const counts = countStatuses(checks)
  return {
    target: endpoint.label,
    via: endpoint.via,
    budgetMs: options.budgetMs,
    requests: options.requests,
    startedAt: new Date(started).toISOString(),
    durationMs: Math.round(now() - started),
    ...(declaration
      ? {
          registration: {
            ...(declaration.name ? { name: declaration.name } : {}),
            ...(declaration.version ? { version: declaration.version } : {}),
            declares: describeDeclaration(declaration),
          },
        }
      : {}),
    checks: checks.map(({ latency: _latency, ...check }) => check),
    ...(latency ? { latency } : {}),
    counts,
    verdict: counts.fail > 0 ? 'fail' : 'pass',
  }
}

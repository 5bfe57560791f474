import type { Endpoint } from './endpoint.js'
import type { Declaration } from './declaration.js'
import type { MessageFactory } from './messages.js'

/** pass: the endpoint does what mParticle expects; fail: it does not; warn: it answered, but not as a healthy integration would (often the check's placeholder settings); skip: not applicable to this endpoint. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip'

export const CHECK_IDS = [
  'registration',
  'responses',
  'verification',
  'auth',
  'forward-compatibility',
  'bad-input',
  'large-batch',
  'latency',
  'redelivery',
  'audiences',
  'dsr',
] as const
export type CheckId = (typeof CHECK_IDS)[number]

export interface CheckResult {
  readonly id: CheckId
  readonly title: string
  readonly status: CheckStatus
  /** One sentence: what was seen, and why that is the verdict. */
  readonly why: string
  /** How to fix it (for fail and warn). */
  readonly fix?: string
  /** The evidence: one line per request sent or problem found. */
  readonly details: ReadonlyArray<string>
}

export interface LatencyRun {
  readonly requests: number
  /** Latency of every answered request, in ms, in the order sent. */
  readonly samplesMs: ReadonlyArray<number>
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  readonly mean: number
  readonly overBudget: number
}

/** What every check gets. Checks run one after the other and send one request at a time. */
export interface CheckContext {
  readonly endpoint: Endpoint
  readonly budgetMs: number
  /** How many batches the latency check sends. */
  readonly requests: number
  readonly declaration: Declaration
  readonly messages: MessageFactory
  /** Told about each latency request as it is answered (the progress bar). */
  readonly onLatencyProgress?: (done: number, total: number) => void
}

/** A check that needs the registration gets it; the registration check itself builds it. */
export interface Check {
  readonly id: CheckId
  readonly title: string
  run(context: CheckContext): Promise<CheckOutcome>
}

export type CheckOutcome = Omit<CheckResult, 'id' | 'title'> & { readonly latency?: LatencyRun }

export const result = (check: Pick<Check, 'id' | 'title'>, outcome: CheckOutcome): CheckResult & { latency?: LatencyRun } => ({ id: check.id, title: check.title, ...outcome })

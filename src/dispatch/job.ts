import type { LambdaContext as Context } from '../core/lambda.js'
import { partnerBudgetFor, type BudgetTransport } from '../core/defaults.js'
import { DEFAULTS } from '../core/defaults.js'
import { deadlineFor, type Deadline } from '../core/deadline.js'
import type { OnThrow } from '../core/results.js'
import type { Admitted } from '../core/state.js'
import type { CheckpointStore, HttpClient } from '../delivery/index.js'
import type { LooseDefinition } from '../definition/definition.js'
import type { Message } from '../schema/index.js'
import { Checkpoints } from './checkpoints.js'
import { buildContext, itemContext, itemKeyOf } from './context.js'
import { lazyPersonalData } from '../core/personal-data.js'
import type { ItemRunner } from './run-item.js'

/** What every message's dispatch shares, fixed when the handler is built. */
export interface DispatchSetup {
  readonly definition: LooseDefinition
  readonly http: HttpClient
  readonly checkpoints?: CheckpointStore
  /** How long a checkpoint claim holds (default: the invocation's window plus a slack, capped). */
  readonly leaseMs?: number
  readonly onThrow: OnThrow
  readonly now: () => number
  /** Most time one message may take, on top of the Lambda deadline. */
  readonly budgetMs?: number
  /** How long before the Lambda deadline `ctx.signal` fires. */
  readonly marginMs?: number
  /** Personal data may show in partner-call reasons and log lines (masked otherwise). */
  readonly logPersonalData?: boolean
}

/** One message's dispatch: its deadline, its checkpoints and how to build its handlers' context. */
export interface Job extends ItemRunner {
  readonly setup: DispatchSetup
  readonly admitted: Admitted
  /** The message as parsed JSON (queue mode sends it on unchanged). */
  readonly raw: unknown
  readonly deadline: Deadline
  /** The deadline's signal (made when first read: queue mode's SQS calls read it). */
  readonly signal: AbortSignal
  /**
   * The context a handler receives, with the fields particular to its message kind; given the
   * item's stage and id, its `ctx.http` keys the item's calls (with an `idempotencyHeader`).
   */
  readonly context: (extra?: Readonly<Record<string, unknown>>, item?: { readonly stage: string; readonly item: string }) => Record<string, unknown>
  /** `ctx` for one item of a message whose handlers share one context (events, notifications). */
  readonly forItem: (ctx: Record<string, unknown>, stage: string, item: string) => Record<string, unknown>
}

/**
 * A claim outlives the invocation's window by a little: before then the runtime itself releases what
 * it did not deliver; after, only a crashed container would hold it, and the next delivery takes over.
 */
const leaseFor = (configured: number | undefined, windowMs: number): number => Math.max(configured ?? Math.min(DEFAULTS.maxLeaseMs, windowMs + DEFAULTS.leaseSlackMs), 1000)

export const startJob = (setup: DispatchSetup, message: Message, admitted: Admitted, raw: unknown, lambda: Context | undefined, transport: BudgetTransport = 'direct'): Job => {
  const deadline = deadlineFor(lambda, { budgetMs: setup.budgetMs, marginMs: setup.marginMs, now: setup.now })
  const account = 'account' in message ? message.account : undefined
  const scope = `${account?.account_id ?? 'none'}`
  // Only a store uses the lease: without one, no clock read for it.
  const leaseMs = setup.checkpoints === undefined ? 0 : leaseFor(setup.leaseMs, deadline.remainingMs())
  const logger = admitted.logger
  const parts = {
    message,
    settings: admitted.settings,
    logger,
    deadline,
    http: setup.http,
    secrets: admitted.secrets,
    now: setup.now,
    partnerBudgetMs: partnerBudgetFor(transport),
    // Absent (undefined) when the partner logs personal data on purpose; no spread, no object in between.
    personalData: setup.logPersonalData === true ? undefined : lazyPersonalData(raw),
  }
  const job = {
    setup,
    admitted,
    raw,
    deadline,
    checkpoints: new Checkpoints(setup.checkpoints, scope, leaseMs, logger, { deadline }),
    onThrow: setup.onThrow,
    context: (extra?: Readonly<Record<string, unknown>>, item?: { readonly stage: string; readonly item: string }) =>
      buildContext(parts, extra, item === undefined ? undefined : itemKeyOf(scope, item.stage, item.item)),
    forItem: (ctx: Record<string, unknown>, stage: string, item: string) => itemContext(ctx, setup.http, scope, stage, item),
  }
  return Object.defineProperty(job, 'signal', SIGNAL) as typeof job & { readonly signal: AbortSignal }
}

/**
 * `job.signal`, made only when read (queue mode's SQS calls read it). One getter shared by every
 * job: a getter written in the object literal would be a new function, and a new hidden class, per
 * message (see `src/core/deadline.ts`).
 */
const SIGNAL: PropertyDescriptor = {
  get(this: Job): AbortSignal {
    return this.deadline.signal
  },
  enumerable: true,
  configurable: true,
}

import * as E from 'fp-ts/lib/Either.js'
import { FirehoseError } from '../errors.js'
import type { CheckpointStore, HttpClient } from '../delivery/index.js'
import { createLogger, type Logger } from '../logger.js'
import type { Message } from '../schema/index.js'
import { groupByAudience } from './audience-groups.js'
import { Checkpoints } from './checkpointing.js'
import { buildContext } from './context.js'
import { deadlineFor, expiryOf } from './deadline.js'
import type { LooseDefinition } from './definition.js'
import { dispatchEvents } from './dispatch-events.js'
import { runItem } from './run-item.js'
import type { DispatchResult } from './outcome.js'
import { asPipeline, type PipelineState } from './pipeline-state.js'
import { registrationBody } from './registration.js'
import type { OnThrow } from './results.js'
import { decodeSettings, encodeSettings } from './settings.js'
import { stateFromContext } from './state.js'

export interface DispatchOptions {
  readonly http: HttpClient
  readonly logger?: Logger
  readonly checkpoints?: CheckpointStore
  readonly checkpointLeaseMs?: number
  readonly onThrow?: OnThrow
  readonly now?: () => number
  readonly budgetMs?: number
  readonly deadlineMarginMs?: number
  /** Queue mode: event batches and membership changes are handed here instead of to handlers. */
  readonly forward?: (message: Message, raw: unknown, ctx: Record<string, unknown>) => Promise<void>
}

const MAX_LEASE_MS = 15 * 60_000
/** Past the invocation's window, long enough for its releases to land. */
const LEASE_SLACK_MS = 10_000

/**
 * A claim outlives the invocation's window by a little: before then the runtime itself releases what
 * it did not deliver; after, only a crashed container would hold it, and the next delivery takes over.
 */
const leaseFor = (configured: number | undefined, windowMs: number): number =>
  Math.max(configured ?? Math.min(MAX_LEASE_MS, windowMs + LEASE_SLACK_MS), 1000)

/** The base handler of the pipeline: calls the partner's functions and reports per-item outcomes. */
export const createDispatcher = (definition: LooseDefinition, options: DispatchOptions) => {
  const baseLogger = options.logger ?? createLogger()
  const now = options.now ?? Date.now
  const onThrow = options.onThrow ?? 'retryable'
  const registration = registrationBody(definition.registration)
  const subscriptionDeclared = definition.registration.audiences?.subscriptionSettings ?? {}

  return async (_event: unknown, context: unknown): Promise<DispatchResult> => {
    const found = stateFromContext(context)
    const state: PipelineState | undefined = found === undefined ? undefined : asPipeline(found)
    const message = state?.message
    if (state === undefined || message === undefined) throw new FirehoseError('decode', 'dispatch needs the decode and validate middlewares before it')
    if (message.type === 'module_registration_request') return { items: [], fields: registration }
    if (state.verification) return { items: [] }

    const logger = state.logger ?? baseLogger
    const deadline = deadlineFor(context, { budgetMs: options.budgetMs, marginMs: options.deadlineMarginMs, now })
    const expiry = expiryOf(deadline.signal)
    try {
      const account = 'account' in message ? message.account : undefined
      const leaseMs = leaseFor(options.checkpointLeaseMs, deadline.remainingMs())
      const checkpoints = new Checkpoints(options.checkpoints, `${account?.account_id ?? 'none'}`, leaseMs, logger)
      const parts = { message, settings: state.settings ?? {}, logger, deadline, http: options.http, secrets: state.secrets ?? [], now }
      const runner = { checkpoints, signal: deadline.signal, expiry, onThrow }
      const once = (item: string, stage: string, call: () => unknown, checkpointed: boolean) => runItem(runner, item, stage, call, checkpointed)

      if (options.forward !== undefined && (message.type === 'event_processing_request' || message.type === 'audience_membership_change_request')) {
        const ctx = buildContext(parts)
        const { outcome } = await once(message.id, 'forward', async () => {
          await options.forward!(message, state.raw, ctx)
          return E.right(undefined)
        }, false)
        return { items: [...(state.items ?? []), outcome] }
      }

      switch (message.type) {
        case 'event_processing_request': {
          const ctx = buildContext(parts)
          const items = await dispatchEvents({
            definition,
            request: message,
            ctx,
            chunks: state.chunks ?? [state.events ?? []],
            ordered: state.ordered ?? state.events ?? [],
            concurrency: state.concurrency ?? 1,
            ...runner,
          })
          return { items: [...(state.items ?? []), ...items] }
        }
        case 'audience_membership_change_request': {
          const handler = definition.onAudience
          if (handler === undefined) return { items: [] }
          const ctx = buildContext(parts, { audiences: groupByAudience(message.user_profiles, subscriptionDeclared) })
          const { outcome } = await once(message.id, 'onAudience', () => handler(message, ctx), true)
          return { items: [outcome] }
        }
        case 'audience_subscription_request': {
          const typed = decodeSettings(subscriptionDeclared, message.audience_subscription_settings ?? undefined, { enforceRequired: false })
          const previous = decodeSettings(subscriptionDeclared, message.previous_audience_subscription_settings ?? undefined, { enforceRequired: false })
          const ctx = buildContext(parts, {
            subscriptionSettings: E.isRight(typed) ? typed.right : {},
            previousSubscriptionSettings: E.isRight(previous) ? previous.right : {},
          })
          const handler = definition.onAudienceSubscription
          if (handler === undefined) return { items: [] }
          const { outcome, result } = await once(message.id, 'onAudienceSubscription', () => handler(message, ctx), false)
          if (outcome.kind !== 'delivered' || E.isLeft(result) || result.right === undefined || result.right === null) return { items: [outcome] }
          try {
            const settings = encodeSettings(subscriptionDeclared, result.right as Record<string, unknown>)
            return { items: [outcome], fields: Object.keys(settings).length > 0 ? { audience_subscription_settings: settings } : {} }
          } catch (error) {
            return { items: [{ item: message.id, stage: 'onAudienceSubscription', kind: 'permanent', reason: (error as Error).message }] }
          }
        }
        case 'dsr_processing_request': {
          const handler = definition.onDsr
          if (handler === undefined) return { items: [] }
          const { outcome } = await once(message.id, 'onDsr', () => handler(message, buildContext(parts)), false)
          return { items: [outcome] }
        }
        default:
          return { items: [] }
      }
    } finally {
      deadline.dispose()
    }
  }
}

import * as E from 'fp-ts/lib/Either.js'
import { firehose, permanent, type CheckpointStore, type EventContext, type FirehoseDefinition, type FirehoseHandler, type FirehoseOptions, type Logger } from 'firehose-kit'
import { queueWorker, type QueueWorkerHandler } from 'firehose-kit/queue'
import type { EventProcessingRequest } from 'firehose-kit/schema'
import { planListCalls, sendListCalls } from './audiences.js'
import { syncBatch } from './batch-sync.js'
import { deliver } from './deliver.js'
import { customEventCall } from './events/custom-event.js'
import type { Mapping } from './events/mapping.js'
import { pushOpenCall } from './events/push-open.js'
import { deviceTokenCall, hasIterableSdk } from './events/push-token.js'
import { purchaseCall } from './events/purchase.js'
import { batchUser, deviceTokenEmail, noIdentityReason, type IterableUser } from './identity.js'
import { createIterableClient } from './iterable-client.js'
import { registration, type IterableRegistration } from './registration.js'
import { eventOptions, type EventOptions } from './settings.js'

export interface IterableHandlerOptions {
  /** Iterable's API as seen by the client (tests inject `recordingFetch`). */
  readonly fetch?: typeof globalThis.fetch
  /** Per-event checkpoints, so a redelivered batch does not repeat calls that went through. */
  readonly checkpoints?: CheckpointStore
  readonly logger?: Logger
  /** Per-call timeout (default 60 s, as the Java integration); the Lambda deadline still applies. */
  readonly timeoutMs?: number
}

type Ctx = EventContext<IterableRegistration>

const optionsOf = (ctx: Ctx): EventOptions => eventOptions(ctx.settings)

/** Maps one event for the batch's user and sends the result; a batch without any identity fails every event for good. */
const perEvent =
  <T extends { readonly id: string }>(map: (event: T, user: IterableUser, ctx: Ctx, options: EventOptions) => Mapping) =>
  (event: T, ctx: Ctx) => {
    const options = optionsOf(ctx)
    const user = batchUser(ctx.request, options.mode)
    if (user === undefined) return E.left(permanent(`event dropped: ${noIdentityReason}`))
    return deliver(ctx, options.apiKey, event.id, map(event, user, ctx, options))
  }

const tokenEmail = (request: EventProcessingRequest, user: IterableUser, options: EventOptions): string => deviceTokenEmail(request, options.mode) ?? user.email

/** Iterable's integration as a firehose-kit definition: the same one serves direct and queue mode. */
export const definition: FirehoseDefinition<IterableRegistration> = {
  registration,
  onEvents: (batch, ctx) => syncBatch(batch, ctx, optionsOf(ctx)),
  on: {
    custom_event: perEvent((event, user) => customEventCall(event, user)),
    product_action: perEvent((event, user, ctx, o) => purchaseCall(event, ctx.request, user, o.coerce)),
    push_subscription: perEvent((event, user, ctx, o) => deviceTokenCall(event, ctx.request, tokenEmail(ctx.request, user, o), ctx.settings)),
    push_message_receipt: perEvent((event, user, ctx) => (hasIterableSdk(ctx.request) ? E.right({ noCall: 'the Iterable SDK tracks opens itself' }) : pushOpenCall(event, user))),
    // push_message_open is sent by the onEvents pre-pass, user_identity_change by the user sync.
  },
  onAudience: (_request, ctx) => sendListCalls(ctx, ctx.settings.apiKey, planListCalls(ctx.audiences, ctx.settings.userIdField)),
  // No onAudienceSubscription: subscriptions get the default response (Iterable's 2020 attempt to throw was reverted).
}

const firehoseOptions = (options: IterableHandlerOptions): FirehoseOptions => ({
  http: createIterableClient({ ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) }),
  ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
  ...(options.logger ? { logger: options.logger } : {}),
})

/** The direct-mode Lambda handler (mParticle invokes it, or API Gateway / a function URL in front). */
export const createIterableHandler = (options: IterableHandlerOptions = {}): FirehoseHandler => firehose(definition, firehoseOptions(options))

/** Queue mode's worker: every SQS record processed, only retryable ones reported in `batchItemFailures`. */
export const createIterableWorker = (options: IterableHandlerOptions = {}): QueueWorkerHandler => queueWorker(definition, firehoseOptions(options))

export const handler = createIterableHandler()
export const worker = createIterableWorker()

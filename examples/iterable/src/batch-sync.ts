import * as E from 'fp-ts/lib/Either.js'
import { permanent, type EventBatch, type EventResults, type FirehoseError } from 'firehose-kit'
import type { Event, PushMessageOpenEvent } from 'firehose-kit/schema'
import { deliver, type CallContext } from './deliver.js'
import { pushOpenCall } from './events/push-open.js'
import { hasIterableSdk } from './events/push-token.js'
import { batchUser, noIdentityReason } from './identity.js'
import type { EventOptions } from './settings.js'
import { emailUpdates, userUpdateCall } from './user-sync.js'

type Result = E.Either<FirehoseError, unknown>

const delivered: Result = E.right(undefined)

/**
 * A retryable failure stops the batch. Events whose own call already went through stay delivered
 * (with checkpoints, the redelivery does not repeat their non-idempotent call); the others carry
 * the failure. When every event is already through, they all carry it, so the failure is not lost.
 */
const stopped = (events: ReadonlyArray<Event>, results: Record<string, Result>, error: FirehoseError): EventResults => {
  const pending = events.filter((event) => results[event.id] === undefined || E.isLeft(results[event.id]))
  const carriers = pending.length > 0 ? pending : events
  const out: Record<string, Result> = { ...results }
  for (const event of carriers) out[event.id] = E.left(error)
  return out
}

/** The failure that stops the batch, if this result is one. */
const retryableOf = (result: Result): FirehoseError | undefined => (E.isLeft(result) && result.left.kind === 'retryable' ? result.left : undefined)

/**
 * Batch-level work, once per message before the per-event handlers: `users/updateEmail` for email
 * changes, one `users/update`, then `events/trackPushOpen` for push opens (a pre-pass, as in Java).
 * Answers per event, so checkpoints record which events' calls went through.
 */
type BatchContext = CallContext & { readonly messageId: string }

/** A batch with user data and no events: just the user sync, one outcome for the message. */
const syncEventless = async (batch: EventBatch, ctx: BatchContext, options: EventOptions): Promise<Result> => {
  const user = batchUser(batch.request, options.mode)
  if (user === undefined) return E.left(permanent(`batch dropped: ${noIdentityReason}`))
  return deliver(ctx, options.apiKey, batch.request.id, userUpdateCall(batch.request, user, options.coerce))
}

const syncEvents = async (batch: EventBatch, ctx: BatchContext, options: EventOptions): Promise<EventResults> => {
  const { request, events } = batch
  const user = batchUser(request, options.mode)
  const results: Record<string, Result> = {}
  if (user === undefined) {
    for (const event of events) results[event.id] = E.left(permanent(`batch dropped: ${noIdentityReason}`))
    return results
  }

  for (const update of emailUpdates(events, request, options.mode)) {
    const result = await deliver(ctx, options.apiKey, update.event.id, update.mapped)
    const halt = retryableOf(result)
    if (halt) return stopped(events, results, halt)
    results[update.event.id] = result
  }

  const updated = await deliver(ctx, options.apiKey, request.id, userUpdateCall(request, user, options.coerce))
  const stop = retryableOf(updated)
  if (stop) return stopped(events, results, stop)
  if (E.isLeft(updated)) ctx.logger.error('item failed for good', { item: ctx.messageId, stage: 'onEvents', reason: updated.left.reason })

  if (!hasIterableSdk(request)) {
    for (const open of events.filter((event): event is PushMessageOpenEvent => event.type === 'push_message_open')) {
      // Java returned here on the first proof send, abandoning the other opens; each open stands alone here.
      const result = await deliver(ctx, options.apiKey, open.id, pushOpenCall(open, user))
      const halt = retryableOf(result)
      if (halt) return stopped(events, results, halt)
      results[open.id] = result
    }
  }

  for (const event of events) results[event.id] ??= delivered
  return results
}

/** Once per message (or chunk), before the per-event handlers. */
export const syncBatch = (batch: EventBatch, ctx: BatchContext, options: EventOptions): Promise<Result> | Promise<EventResults> =>
  batch.events.length === 0 ? syncEventless(batch, ctx, options) : syncEvents(batch, ctx, options)

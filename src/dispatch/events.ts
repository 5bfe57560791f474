import * as E from 'fp-ts/lib/Either.js'
import { FirehoseError } from '../errors.js'
import type { Event, EventProcessingRequest, SystemNotification } from '../schema/index.js'
import { EVENT_TYPES, isInvalid } from '../schema/index.js'
import { stringIndex } from '../schema/string-index.js'
import type { BatchPlan } from '../core/state.js'
import type { LooseDefinition } from '../definition/definition.js'
import { isStopping, outcomeOf, type DispatchResult, type ItemOutcome } from '../core/outcome.js'
import { mapPool } from '../core/pool.js'
import { isResultMap, type Settled } from '../core/results.js'
import { admissionOutcome, runHandler, runItem, runItemFailure, type ItemRun, type ItemRunner } from './run-item.js'
import { withDeliveredTail } from '../core/delivered-tail.js'
import type { MaybePromise } from '../core/maybe-async.js'
import type { Job } from './job.js'

interface EventDispatch extends ItemRunner, BatchPlan {
  readonly forItem: Job['forItem']
  readonly definition: LooseDefinition
  readonly request: EventProcessingRequest
  readonly ctx: Record<string, unknown>
}

/**
 * Items after a stopping failure share its kind: after a retryable one they wait for the next
 * delivery; after a suspend they are not sent at all, and the message answers suspend (a retryable
 * mark here would outrank the suspend, and a broken configuration would be retried forever).
 */
const unreached = (item: string, stage: string, done: ReadonlyArray<ItemOutcome>): ItemOutcome =>
  done.some((outcome) => outcome.kind === 'retryable')
    ? { item, stage, kind: 'retryable', reason: 'not attempted: an earlier failure stops the batch' }
    : { item, stage, kind: 'suspend', reason: 'not attempted: the subscription is suspended' }

const outcomeOfRun = (run: ItemRun): ItemOutcome => run.outcome
const outcomeNow = (run: MaybePromise<ItemRun>): MaybePromise<ItemOutcome> => (run instanceof Promise ? run.then(outcomeOfRun) : run.outcome)

/** One item's outcome through its checkpoint. */
const runOne = (job: EventDispatch, item: string, stage: string, call: () => unknown): MaybePromise<ItemOutcome> => outcomeNow(runItem(job, item, stage, call))

const runNotifications = async (job: EventDispatch, out: ItemOutcome[]): Promise<boolean> => {
  const handlers = job.definition.onNotification
  const notifications = job.request.system_notifications ?? []
  if (handlers === undefined) return true
  for (let index = 0; index < notifications.length; index++) {
    const notification = notifications[index]
    if (isInvalid(notification)) continue
    const typed = notification as SystemNotification
    const handler = handlers[typed.type]
    if (handler === undefined) continue
    const item = `${job.request.id}/notification/${index}`
    const stage = `notification:${typed.type}`
    const outcome = await runOne(job, item, stage, () => handler(typed, job.forItem(job.ctx, stage, item)))
    out.push(outcome)
    if (isStopping(outcome)) return false
  }
  return true
}

/** `onEvents` for one chunk: claims each event, calls once with the claimed ones, records per event. */
const runChunk = async (job: EventDispatch, events: ReadonlyArray<Event>, index: number, count: number, out: ItemOutcome[]): Promise<boolean> => {
  const handler = job.definition.onEvents!
  const stage = 'onEvents'
  if (job.deadline.expired()) {
    for (const event of events) out.push({ item: event.id, stage, kind: 'retryable', reason: 'deadline reached' })
    return false
  }
  if (events.length === 0) {
    const outcome = await runOne(job, job.request.id, stage, () =>
      handler({ request: job.request, events: [], chunk: { index, count } }, job.forItem(job.ctx, stage, job.request.id)),
    )
    out.push(outcome)
    return !isStopping(outcome)
  }
  const claimed: Event[] = []
  let stop = false
  for (const event of events) {
    const admission = await job.checkpoints.admit(stage, event.id)
    if (admission === 'run') claimed.push(event)
    else {
      const outcome = admissionOutcome(event.id, stage, admission)
      out.push(outcome)
      stop ||= isStopping(outcome)
    }
  }
  if (claimed.length === 0) return !stop
  // A bulk call is keyed by the events it carries: the same set on a redelivery gets the same key.
  const bulkItem = claimed.map((event) => event.id).join(',')
  const result = await runHandler(job, () => handler({ request: job.request, events: claimed, chunk: { index, count } }, job.forItem(job.ctx, stage, bulkItem)))
  const perEvent = E.isRight(result) && isResultMap(result.right) ? (result.right as Readonly<Record<string, Settled<unknown>>>) : undefined
  for (const event of claimed) {
    const own: Settled<unknown> = perEvent === undefined ? result : (perEvent[event.id] ?? E.right(undefined))
    const normalised: Settled<unknown> =
      E.isLeft(own) && !(own.left instanceof FirehoseError) ? E.left(new FirehoseError(job.onThrow, 'onEvents failed with a value that is not a FirehoseError')) : own
    const settled = await job.checkpoints.settle(stage, event.id, normalised)
    const outcome = outcomeOf(event.id, stage, E.isLeft(settled) ? settled.left : undefined)
    out.push(outcome)
    stop ||= isStopping(outcome)
  }
  return !stop
}

/** An event type's `on` handler and its stage name. */
interface OnEntry {
  readonly handler: (event: Event, ctx: Record<string, unknown>) => unknown
  readonly stage: string
}

/** An event type's index in EVENT_TYPES (-1 for another string): a compiled switch, see `stringIndex`. */
const eventTypeIndex = stringIndex(EVENT_TYPES)

/** A definition without `on`: one object, so its (empty) table is made once, not per message. */
const NO_HANDLERS: Readonly<Record<string, unknown>> = {}

/**
 * The `on` handlers by event type's index, made once per `on` object (the definition is fixed when
 * the handler is built). Not `handlers[event.type]`: a type string fresh from `JSON.parse` is not
 * internalized, so each keyed load on an object looks it up in the string table (about 35 ns, twice
 * per event), where the switch of `eventTypeIndex` compares it with the 16 types.
 */
const ON_ENTRIES = new WeakMap<object, ReadonlyArray<OnEntry | undefined>>()
const onEntries = (handlers: Readonly<Record<string, unknown>>): ReadonlyArray<OnEntry | undefined> => {
  let entries = ON_ENTRIES.get(handlers)
  if (entries === undefined) {
    // Every known type, read as the object would be (inherited handlers included); decoded events have no other type.
    entries = EVENT_TYPES.map((type): OnEntry | undefined => {
      const handler = handlers[type]
      return handler === undefined ? undefined : { handler: handler as OnEntry['handler'], stage: `on:${type}` }
    })
    ON_ENTRIES.set(handlers, entries)
  }
  return entries
}

/** The entry of an event's type, if it has an `on` handler. */
const entryOf = (entries: ReadonlyArray<OnEntry | undefined>, type: string): OnEntry | undefined => {
  const index = eventTypeIndex(type)
  return index < 0 ? undefined : entries[index]
}

/**
 * From how many events a batch leaves its delivered outcomes unmade: a result with a delivered tail
 * costs about as much to make as ten outcomes (an accessor defined per result), so small batches
 * make their outcomes as they come.
 */
const DELIVERED_TAIL_FROM = 16

/**
 * `on` handlers one event at a time (or `concurrency` at once) in order; no new event starts after a
 * stopping failure. Answers whether the delivered outcomes were left unmade: one at a time, in a
 * batch of `DELIVERED_TAIL_FROM` events or more, while every event is delivered, `out` gets none of
 * their outcomes (`deliveredOutcomes` makes them if `items` is read, see `withDeliveredTail`); the
 * first failure adds those of the events before it, and from then on every outcome is added as it comes.
 */
const runPerEvent = (job: EventDispatch, out: ItemOutcome[]): MaybePromise<boolean> => {
  const handlers = job.definition.on ?? NO_HANDLERS
  const entries = onEntries(handlers)
  const queue = job.ordered
  let stopped = false
  let started = 0
  // True while every event started so far with a handler was delivered and `out` holds none of their outcomes.
  let unmade = job.concurrency === 1 && queue.length >= DELIVERED_TAIL_FROM
  const record = (failure: ItemOutcome | undefined, index: number, stage: string): void => {
    if (failure === undefined) {
      if (!unmade) out.push({ item: queue[index].id, stage, kind: 'delivered' })
      return
    }
    if (unmade) {
      // One at a time, every event before this one was delivered.
      addDelivered(out, entries, queue, index)
      unmade = false
    }
    out.push(failure)
    if (isStopping(failure)) stopped = true
  }
  // A function of its own: a closure written in `step` would allocate its context on every call.
  const recordLater = (failure: Promise<ItemOutcome | undefined>, index: number, stage: string): Promise<void> => failure.then((settled) => record(settled, index, stage))
  // The entry `step` looked up last. Every entry has a stage of its own, so when `callOn` is given
  // that stage, it is the event's entry (even if another step ran since): no second type lookup.
  let running: OnEntry | undefined
  // One function runs every event (runItemFailure calls it with the event): no closure per event.
  const callOn = (event: Event, stage: string): unknown => {
    const entry = running !== undefined && running.stage === stage ? running : entryOf(entries, event.type)!
    return entry.handler.call(handlers, event, job.forItem(job.ctx, stage, event.id))
  }
  // One at a time, each event starts at once after the one before answered synchronously: a
  // deadline check the one before left behind is its own (see runItemFailure).
  const chained = job.concurrency === 1
  // Synchronous when the handler and the checkpoint store are: no promise per event.
  const step = (event: Event, index: number): void | Promise<void> => {
    started++
    const entry = (running = entryOf(entries, event.type))
    if (entry === undefined) return
    const failure = runItemFailure(job, event.id, entry.stage, callOn, event, chained)
    if (failure instanceof Promise) return recordLater(failure, index, entry.stage)
    record(failure, index, entry.stage)
  }
  // Decided once: what `unreached` finds in `out` does not change as unreached items are added.
  const finish = (): boolean => {
    let later: ItemOutcome | undefined
    for (let i = started; i < queue.length; i++) {
      const event = queue[i]
      const entry = entryOf(entries, event.type)
      if (entry === undefined) continue
      later ??= unreached('', '', out)
      out.push({ ...later, item: event.id, stage: entry.stage })
    }
    return unmade
  }
  if (job.concurrency > 1) return mapPool(queue, job.concurrency, step, () => stopped).then(finish)
  // One at a time (the default): a plain loop, synchronous (no promise for the message) until a
  // step is pending; the loop then goes on in `rest`, awaiting only what is pending.
  const rest = async (pending: Promise<void>, next: number): Promise<boolean> => {
    await pending
    for (let i = next; i < queue.length && !stopped; i++) {
      const later = step(queue[i], i)
      if (later !== undefined) await later
    }
    return finish()
  }
  for (let i = 0; i < queue.length && !stopped; i++) {
    const pending = step(queue[i], i)
    if (pending !== undefined) return rest(pending, i + 1)
  }
  return finish()
}

/** Adds the delivered outcome of each of the first `count` events that has an `on` handler. */
const addDelivered = (out: ItemOutcome[], entries: ReadonlyArray<OnEntry | undefined>, events: ReadonlyArray<Event>, count: number): void => {
  for (let i = 0; i < count; i++) {
    const event = events[i]
    const entry = entryOf(entries, event.type)
    if (entry !== undefined) out.push({ item: event.id, stage: entry.stage, kind: 'delivered' })
  }
}

/** The delivered outcome of every event with an `on` handler, in dispatch order: what `runPerEvent` left unmade. */
const deliveredOutcomes = (job: EventDispatch): ItemOutcome[] => {
  const items: ItemOutcome[] = []
  addDelivered(items, onEntries(job.definition.on ?? NO_HANDLERS), job.ordered, job.ordered.length)
  return items
}

/** The message's result: `out`, then the delivered outcomes `runPerEvent` left unmade, if it did. */
const resultOf = (job: EventDispatch, out: ItemOutcome[], unmade: boolean): DispatchResult => (unmade ? withDeliveredTail(out, () => deliveredOutcomes(job)) : { items: out })

/** Every item this message may claim, for the one batched read that recognises those already delivered. */
const checkpointedItems = (job: EventDispatch): Array<{ stage: string; item: string }> => {
  const items: Array<{ stage: string; item: string }> = []
  const notify = job.definition.onNotification
  if (notify !== undefined) {
    ;(job.request.system_notifications ?? []).forEach((notification, index) => {
      const type = (notification as { type?: unknown }).type
      if (!isInvalid(notification) && typeof type === 'string' && notify[type as keyof typeof notify] !== undefined) {
        items.push({ stage: `notification:${type}`, item: `${job.request.id}/notification/${index}` })
      }
    })
  }
  if (job.definition.onEvents !== undefined) for (const event of job.ordered) items.push({ stage: 'onEvents', item: event.id })
  const entries = onEntries(job.definition.on ?? NO_HANDLERS)
  for (const event of job.ordered) {
    const entry = entryOf(entries, event.type)
    if (entry !== undefined) items.push({ stage: entry.stage, item: event.id })
  }
  return items
}

/** System notifications, then `onEvents` per chunk, then the `on` handlers; their outcomes are added to `out`. */
const dispatchEvents = (job: EventDispatch, out: ItemOutcome[]): MaybePromise<DispatchResult> => {
  // Nothing to do before the `on` handlers (no batched read, no notification handlers, no
  // `onEvents`): synchronous while they are, so a message of pure handlers costs no promise here.
  if (job.definition.onNotification === undefined && job.definition.onEvents === undefined && !job.checkpoints.readsInBatches()) {
    const unmade = runPerEvent(job, out)
    return unmade instanceof Promise ? unmade.then((later) => resultOf(job, out, later)) : resultOf(job, out, unmade)
  }
  return dispatchInSteps(job, out)
}

const dispatchInSteps = async (job: EventDispatch, out: ItemOutcome[]): Promise<DispatchResult> => {
  // Only a store with a batched read gains from the list (it costs an object per event to make).
  if (!job.checkpoints.readsInBatches()) return dispatchItems(job, out)
  await job.checkpoints.prefetch(checkpointedItems(job))
  try {
    return await dispatchItems(job, out)
  } finally {
    await job.checkpoints.releaseUnasked()
  }
}

const dispatchItems = async (job: EventDispatch, out: ItemOutcome[]): Promise<DispatchResult> => {
  if (!(await runNotifications(job, out))) return { items: out }
  if (job.definition.onEvents !== undefined) {
    for (let index = 0; index < job.chunks.length; index++) {
      if (!(await runChunk(job, job.chunks[index], index, job.chunks.length, out))) {
        for (const later of job.chunks.slice(index + 1)) for (const event of later) out.push(unreached(event.id, 'onEvents', out))
        return { items: out }
      }
    }
  }
  return resultOf(job, out, await runPerEvent(job, out))
}

/** An event batch: the outcomes `validate` decided, then each handler's, in the order above. */
export const eventsDispatcher = (message: EventProcessingRequest, job: Job, plan: BatchPlan | undefined): MaybePromise<DispatchResult> => {
  if (plan === undefined) throw new FirehoseError('permanent', 'event batches need the batch middleware before dispatch')
  // The outcomes `validate` decided come first; the handlers' are added after them (no copy at the end).
  const out = job.admitted.screened.slice()
  // Named fields, not spreads: a spread would read (and so make) the job's lazy signal.
  return dispatchEvents(
    {
      checkpoints: job.checkpoints,
      deadline: job.deadline,
      onThrow: job.onThrow,
      forItem: job.forItem,
      ordered: plan.ordered,
      chunks: plan.chunks,
      concurrency: plan.concurrency,
      definition: job.setup.definition,
      request: message,
      ctx: job.context(),
    },
    out,
  )
}

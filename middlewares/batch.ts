import { DEFAULTS } from '../src/core/defaults.js'
import { safeStringify } from '../src/core/json.js'
import { rejectUnknownOptions } from '../src/core/options.js'
import { pack } from '../src/core/pack.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import { compareInt64, type Event } from '../src/schema/index.js'

/** How event batches reach `onEvents` (chunk size and bytes) and the `on` handlers (concurrency). */
export interface BatchOptions {
  /** Most events handed to one `onEvents` call. @default all of them */
  readonly size?: number
  /** Most bytes of event JSON in one `onEvents` call. @default no limit */
  readonly bytes?: number
  /** How many `on` handlers run at once. @default 1: one event at a time, in order */
  readonly concurrency?: number
}

/** Events in ascending `timestamp_ms`; equal timestamps keep their order in the message. */
export const byTimestamp = (events: ReadonlyArray<Event>): Event[] =>
  events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => compareInt64(a.event.timestamp_ms, b.event.timestamp_ms) || a.index - b.index)
    .map(({ event }) => event)

/** Whether events are already in ascending `timestamp_ms` (one O(n) pass; most batches are, and need no sort). */
const inOrder = (events: ReadonlyArray<Event>): boolean => {
  if (events.length < 2) return true
  // Each timestamp read once, and numbers (the usual case) compared as they are.
  let previous = events[0]!.timestamp_ms
  for (let i = 1; i < events.length; i++) {
    const current = events[i]!.timestamp_ms
    if (typeof previous === 'number' && typeof current === 'number' ? previous > current : compareInt64(previous, current) > 0) return false
    previous = current
  }
  return true
}

/**
 * Splits events into chunks of at most `size` events and `bytes` bytes of JSON (an event over the
 * byte limit goes alone, and so does one JSON.stringify cannot write: nested too deeply).
 */
export const chunk = (events: ReadonlyArray<Event>, size = Infinity, bytes = Infinity): Event[][] =>
  pack(events, size, bytes, (event) => {
    const text = safeStringify(event)
    return text === undefined ? Infinity : Buffer.byteLength(text)
  })

const positive = (value: number | undefined, name: string): number => {
  if (value === undefined) return Infinity
  if (!(value >= 1)) throw new TypeError(`batch.${name} must be at least 1`)
  return Math.floor(value)
}

/**
 * Plans the dispatch of an event batch: `onEvents` gets the events in chunks (by count and bytes),
 * `on` handlers run in ascending `timestamp_ms` with the configured concurrency.
 */
export const batch = (options: BatchOptions = {}): FirehoseMiddleware => {
  rejectUnknownOptions('batch()', options, ['size', 'bytes', 'concurrency'])
  const size = positive(options.size, 'size')
  const bytes = positive(options.bytes, 'bytes')
  const concurrency = options.concurrency === undefined ? DEFAULTS.concurrency : positive(options.concurrency, 'concurrency')
  const before = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    const admitted = state.admitted
    if (admitted === undefined || admitted.verification || state.decoded?.message.type !== 'event_processing_request') return
    const ordered = inOrder(admitted.events) ? admitted.events : byTimestamp(admitted.events)
    // Without a size or byte limit, the one chunk is the events themselves: no pass over them.
    const chunks = ordered.length === 0 ? [[]] : size === Infinity && bytes === Infinity ? [ordered] : chunk(ordered, size, bytes)
    state.plan = { ordered, chunks, concurrency }
  }
  return { name: 'batch', before }
}

import fc from 'fast-check'
import { createHttpClient, memoryStore, type CheckpointStore, type HttpClient } from '../../delivery/index.js'
import { memoryLogger, type Logger } from '../../logger.js'
import type { RegistrationDeclaration } from '../../definition/registration.js'
import type { Event, EventProcessingRequest } from '../../schema/index.js'
import { DEFAULT_INVOKE_TIMEOUT_MS, invoke } from '../invoke.js'
import { recordingFetch, type RecordedRequest, type ScriptedAnswer } from '../recording-fetch.js'
import { arbEventBatchFor } from '../registration-arbitraries.js'
import { describeMessage, makeProperty, violation, within, type HandlerProperty, type PropertyOptions } from './property.js'
import { buildHandler, isDefinition, type AnyDefinition, type LambdaHandler } from './subject.js'

/** What the property hands a handler factory: wire them into the handler under test. */
export interface DeliveryDeps {
  /** A fresh memoryStore for this run: pass it as `checkpoints`. */
  readonly checkpoints: CheckpointStore
  /** A client over `fetch` without retries of its own: pass it as `http`. */
  readonly http: HttpClient
  /** The scripted partner API, for a client you build yourself. */
  readonly fetch: typeof globalThis.fetch
  readonly logger: Logger
}

/** Builds the handler under test around a checkpoint store and a logger. */
export type HandlerFactory = (deps: DeliveryDeps) => LambdaHandler

/** One run: a batch, and the calls (by index, across every delivery) the partner API fails transiently. */
export interface ReplayScenario {
  readonly message: EventProcessingRequest
  readonly failures: ReadonlyArray<{ readonly call: number; readonly answer: ScriptedAnswer }>
}

export interface NoDoubleDeliveryOptions extends PropertyOptions {
  /** The event ids one call carried (default: every generated event id found anywhere in its URL, headers or body). */
  readonly eventIdsOf?: (request: RecordedRequest) => ReadonlyArray<string>
  /** Which events the integration sends at all (default: every event of a declared type); only these must eventually arrive. */
  readonly sends?: (event: Event) => boolean
  /** Deliveries of one message before giving up (default: failures + 3). */
  readonly maxDeliveries?: number
  /** Retries of the property's HTTP client (default 0, so every failure reaches the handler). */
  readonly retries?: number
}

const TRANSIENT: ReadonlyArray<ScriptedAnswer> = [
  { status: 503 },
  { status: 500, json: { error: 'internal' } },
  { status: 429, headers: { 'retry-after': '0' } },
  { networkError: 'reset' },
  { networkError: 'timeout' },
]

const OK: ScriptedAnswer = { status: 200, json: { ok: true } }

const collectStrings = (value: unknown, out: Set<string>, depth = 0): void => {
  if (depth > 20) return
  if (typeof value === 'string') out.add(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out, depth + 1)
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, out, depth + 1)
}

/** The default `eventIdsOf`: ids of `known` that appear as a whole string in the URL, query, headers or JSON body, or inside a text body. */
const idsFound = (request: RecordedRequest, known: ReadonlySet<string>): string[] => {
  const strings = new Set<string>()
  collectStrings([request.url, request.path, request.query, request.headers, request.body], strings)
  const found = [...known].filter((id) => strings.has(id) || (typeof request.body === 'string' && request.body.includes(id)) || request.url.includes(encodeURIComponent(id)))
  return found
}

const eventsOf = (message: EventProcessingRequest): Event[] =>
  (message.events ?? []).filter((event): event is Event => event !== null && typeof event === 'object' && typeof (event as Event).id === 'string')

const isSuccess = (answer: ScriptedAnswer): boolean => !('hang' in answer) && !('networkError' in answer) && (answer.status ?? 200) < 300

/**
 * No double delivery: with checkpoints on (a fresh memoryStore per run) and a partner API that
 * fails transiently at random calls, delivering the same batch again until it succeeds sends every
 * event the partner accepted at most once (counted over calls answered 2xx) and, in the end, every
 * event the integration sends at all. A batch-level `onEvents` that answers one Left for events it
 * already sent fails this; answer per event (a map from event id to Either) instead.
 *
 * Pass the `firehose()` definition (its handlers must call the partner through `ctx.http`), or a
 * factory that builds the handler from the property's `{ checkpoints, http, fetch, logger }`.
 */
export function noDoubleDelivery(factory: HandlerFactory, registration: RegistrationDeclaration, options?: NoDoubleDeliveryOptions): HandlerProperty<ReplayScenario>
export function noDoubleDelivery(definition: AnyDefinition, options?: NoDoubleDeliveryOptions): HandlerProperty<ReplayScenario>
export function noDoubleDelivery(
  subject: AnyDefinition | HandlerFactory,
  second?: RegistrationDeclaration | NoDoubleDeliveryOptions,
  third?: NoDoubleDeliveryOptions,
): HandlerProperty<ReplayScenario> {
  const fromDefinition = isDefinition(subject)
  const options: NoDoubleDeliveryOptions = (fromDefinition ? (second as NoDoubleDeliveryOptions | undefined) : third) ?? {}
  const declared = fromDefinition ? subject.registration : (second as RegistrationDeclaration | undefined)
  if (declared === undefined) throw new TypeError('noDoubleDelivery: pass the registration along with a handler factory')
  if (!declared.events) throw new TypeError('noDoubleDelivery: the registration declares no events')
  const build: HandlerFactory = fromDefinition
    ? (deps) => buildHandler(subject, { ...options.firehose, checkpoints: deps.checkpoints, http: deps.http, logger: deps.logger })
    : (subject as HandlerFactory)
  const maxEvents = options.maxEvents ?? 6
  const batches = arbEventBatchFor(declared, { ...options, verification: false, invalidSettings: false, maxEvents })
  const failures = fc.uniqueArray(fc.record({ call: fc.nat({ max: maxEvents * 2 }), answer: fc.constantFrom(...TRANSIENT) }), {
    minLength: 1,
    maxLength: 3,
    selector: (failure) => failure.call,
  })
  const arbitrary: fc.Arbitrary<ReplayScenario> = fc.record({ message: batches, failures })
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS
  const sends = options.sends ?? (() => true)

  const check = async ({ message, failures: scripted }: ReplayScenario): Promise<void> => {
    const byCall = new Map(scripted.map((failure) => [failure.call, failure.answer]))
    const partner = recordingFetch((_, index) => byCall.get(index) ?? OK)
    const logger = memoryLogger()
    const http = createHttpClient({ fetch: partner.fetch, retries: options.retries ?? 0, logger })
    const handler = build({ checkpoints: memoryStore(), http, fetch: partner.fetch, logger })
    const what = describeMessage(message)
    const maxDeliveries = options.maxDeliveries ?? scripted.length + 3
    let delivered = false
    for (let attempt = 1; attempt <= maxDeliveries && !delivered; attempt++) {
      const result = await within(invoke(handler, message, { timeoutMs }), timeoutMs + 1000, `delivery ${attempt} of ${what}`)
      if (result.ok) delivered = true
      else if (result.error.kind !== 'retryable')
        violation(`delivery ${attempt} of ${what} ended ${result.error.kind} after a transient partner failure (${result.error.message}); it should be retryable`)
    }
    if (!delivered) violation(`${what} still failed after ${maxDeliveries} deliveries with only ${scripted.length} transient partner failure(s)`)

    const events = eventsOf(message)
    const known = new Set(events.map((event) => event.id))
    const idsOf = options.eventIdsOf ?? ((request: RecordedRequest) => idsFound(request, known))
    const accepted = new Map<string, number[]>()
    partner.requests.forEach((request, index) => {
      if (!isSuccess(byCall.get(index) ?? OK)) return
      for (const id of new Set(idsOf(request))) accepted.set(id, [...(accepted.get(id) ?? []), index])
    })
    for (const [id, calls] of accepted) {
      if (calls.length > 1)
        violation(`event ${JSON.stringify(id)} of ${what} reached the partner ${calls.length} times (calls ${calls.join(', ')}; failed calls: ${[...byCall.keys()].join(', ')})`)
    }
    const declaredTypes = declared.events?.types === undefined ? undefined : new Set<string>(declared.events.types)
    for (const event of events) {
      if (declaredTypes !== undefined && !declaredTypes.has(event.type)) continue
      if (sends(event) && !accepted.has(event.id)) violation(`event ${JSON.stringify(event.id)} (${event.type}) of ${what} never reached the partner`)
    }
  }
  return makeProperty(arbitrary, check, options, 30)
}

/** `await assertNoDoubleDelivery(definition)` or `await assertNoDoubleDelivery(deps => firehose(...), registration)`. */
export function assertNoDoubleDelivery(factory: HandlerFactory, registration: RegistrationDeclaration, options?: NoDoubleDeliveryOptions): Promise<void>
export function assertNoDoubleDelivery(definition: AnyDefinition, options?: NoDoubleDeliveryOptions): Promise<void>
export function assertNoDoubleDelivery(
  subject: AnyDefinition | HandlerFactory,
  second?: RegistrationDeclaration | NoDoubleDeliveryOptions,
  third?: NoDoubleDeliveryOptions,
): Promise<void> {
  return (noDoubleDelivery as (a: unknown, b: unknown, c: unknown) => HandlerProperty<ReplayScenario>)(subject, second, third).assert()
}

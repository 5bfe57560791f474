import * as E from 'fp-ts/lib/Either.js'
import type { CheckpointStore } from '../src/delivery/index.js'
import { EVENT_TYPES } from '../src/schema/index.js'
import { compare, fmtUs, type Contender } from './harness.js'
import { eventsText, floorResponse, membershipText, type MessageText } from './messages.js'
import { ratioDetail, type Row } from './report.js'
import type { Sdk } from './sdk.js'

export interface PipelineBenchOptions {
  readonly eventSizes?: ReadonlyArray<number>
  readonly profileSizes?: ReadonlyArray<number>
  readonly checkpointEventSizes?: ReadonlyArray<number>
  readonly checkpointProfileSizes?: ReadonlyArray<number>
  /** Entries of the full memoryStore (its `maxEntries`, so each new entry evicts one). */
  readonly fullEntries?: number
  readonly rounds?: number
  readonly roundMs?: number
  readonly warmupMs?: number
}

const noop = () => E.right(undefined)

/** Every event type registered and handled by a no-op, and a no-op `onAudience`: the SDK's own cost. */
export const benchHandler = (sdk: Sdk, checkpoints?: CheckpointStore) =>
  sdk.firehose(
    {
      registration: { name: 'Bench', version: '1', events: { types: EVENT_TYPES, pushMessagingProviderId: 'bench' }, audiences: {} },
      on: Object.fromEntries(EVENT_TYPES.map((type) => [type, noop])),
      onAudience: noop,
    } as never,
    { auth: false, logger: sdk.createLogger({ write: () => undefined, level: 'error' }), ...(checkpoints ? { checkpoints } : {}) },
  )

/** What Lambda hands an invocation: a fresh context with the time left. */
const lambdaContext = () => ({ awsRequestId: 'bench', getRemainingTimeInMillis: () => 60_000 }) as never

type Handler = ReturnType<typeof benchHandler>

/** Text in, response text out, as Lambda's runtime does around a handler. */
const textToText = (handler: () => Handler, message: MessageText) => async () => JSON.stringify(await handler()(JSON.parse(message.next()), lambdaContext()))

const floorOf = (message: MessageText): Contender => ({ name: 'floor', run: () => floorResponse(JSON.parse(message.next())) })

/** Checks that a build answers the bench message as expected before timing it. */
const answers = async (handler: Handler, message: MessageText, type: string): Promise<void> => {
  const response = (await handler(JSON.parse(message.next()), lambdaContext())) as { type?: string; suspend_subscription?: boolean }
  if (response?.type !== type || response.suspend_subscription === true) throw new Error(`bench handler did not answer ${type}: ${JSON.stringify(response)}`)
}

const plural = (n: number, what: string): string => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`

/** Text→text rows: event batches and membership changes, every build against the floor. */
const plainRows = async (sdks: ReadonlyArray<Sdk>, o: PipelineBenchOptions): Promise<Row[]> => {
  const rows: Row[] = []
  const cases = [
    ...(o.eventSizes ?? [1, 10, 100, 1000, 10_000]).map((n) => ({
      id: `events-${n}`,
      figure: `${plural(n, 'event')}, text→text`,
      message: eventsText(n),
      type: 'event_processing_response',
      n,
    })),
    ...(o.profileSizes ?? [1, 100, 1000]).map((n) => ({
      id: `audience-${n}`,
      figure: `audience membership, ${plural(n, 'profile')}`,
      message: membershipText(n),
      type: 'audience_membership_change_response',
      n,
    })),
  ]
  const targets: Record<string, string> = { 'events-1': '≤ 2×', 'events-100': '≤ 1.3×', 'events-1000': '≤ 1.25×', 'events-10000': '≤ 1.3×, linear' }
  const limits: Record<string, number> = { 'events-1': 2, 'events-100': 1.3, 'events-1000': 1.25, 'events-10000': 1.3 }
  for (const c of cases) {
    const handlers = sdks.map((sdk) => benchHandler(sdk))
    for (const handler of handlers) await answers(handler, c.message, c.type)
    const result = await compare(
      floorOf(c.message),
      sdks.map((sdk, i) => ({ name: sdk.label, run: textToText(() => handlers[i]!, c.message) })),
      { rounds: o.rounds, roundMs: o.roundMs, warmupMs: o.warmupMs },
    )
    const values = Object.fromEntries(result.contenders.map((m) => [m.name, m.cpuRatio]))
    const last = result.contenders.at(-1)!
    rows.push({
      id: c.id,
      figure: c.figure,
      unit: '× floor, CPU',
      target: targets[c.id] ?? '(no target)',
      floor: `${fmtUs(result.floor.cpuUs)} CPU, ${fmtUs(result.floor.wallUs)} wall (${(c.message.bytes / 1024).toFixed(1)} KB)`,
      load: result.load,
      values,
      ...(limits[c.id] !== undefined ? { met: last.cpuRatio <= limits[c.id]! } : {}),
      detail: { ...ratioDetail(result), perItemCpuUs: Object.fromEntries(result.contenders.map((m) => [m.name, (m.cpuUs - result.floor.cpuUs) / c.n])) },
    })
  }
  return rows
}

/**
 * The same pipelines with `checkpoints: memoryStore()`, fresh (a new store every turn: insertions
 * only) and full (`fullEntries` entries already, so every new one evicts the oldest), against the
 * pipeline without checkpoints in the same rounds (the target) and the floor.
 */
const checkpointRows = async (sdks: ReadonlyArray<Sdk>, o: PipelineBenchOptions): Promise<Row[]> => {
  const rows: Row[] = []
  const full = o.fullEntries ?? 100_000
  const cases = [
    ...(o.checkpointEventSizes ?? [1, 100, 1000]).map((n) => ({
      id: `memory-events-${n}`,
      figure: `memoryStore, ${plural(n, 'event')}`,
      message: eventsText(n),
      type: 'event_processing_response',
    })),
    ...(o.checkpointProfileSizes ?? [100]).map((n) => ({
      id: `memory-audience-${n}`,
      figure: `memoryStore, membership of ${plural(n, 'profile')}`,
      message: membershipText(n),
      type: 'audience_membership_change_response',
    })),
  ]
  // One full store per build, shared by the rows: filling it is not what is measured.
  const fullHandlers = new Map<string, Handler>()
  for (const sdk of sdks) {
    const store = sdk.memoryStore({ maxEntries: full })
    for (let i = 0; i < full; i++) await store.markDelivered(`fill/${i}`)
    fullHandlers.set(sdk.label, benchHandler(sdk, store))
  }
  for (const c of cases) {
    const plain = new Map(sdks.map((sdk) => [sdk.label, benchHandler(sdk)]))
    const fresh = new Map(sdks.map((sdk) => [sdk.label, benchHandler(sdk, sdk.memoryStore({ maxEntries: full }))]))
    for (const sdk of sdks) {
      await answers(fullHandlers.get(sdk.label)!, c.message, c.type)
      await answers(fresh.get(sdk.label)!, c.message, c.type)
    }
    const contenders = sdks.flatMap((sdk) => [
      { name: `${sdk.label}`, run: textToText(() => plain.get(sdk.label)!, c.message) },
      { name: `${sdk.label} fresh`, run: textToText(() => fresh.get(sdk.label)!, c.message) },
      { name: `${sdk.label} full`, run: textToText(() => fullHandlers.get(sdk.label)!, c.message) },
    ])
    const result = await compare(floorOf(c.message), contenders, {
      rounds: o.rounds,
      roundMs: o.roundMs,
      warmupMs: o.warmupMs,
      beforeTurn: (name) => {
        // A fresh store every turn: it never fills up.
        const sdk = sdks.find((s) => name === `${s.label} fresh`)
        if (sdk) fresh.set(sdk.label, benchHandler(sdk, sdk.memoryStore({ maxEntries: full })))
      },
    })
    for (const kind of ['fresh', 'full'] as const) {
      const values = Object.fromEntries(sdks.map((sdk) => [sdk.label, result.between(`${sdk.label} ${kind}`, sdk.label)]))
      const last = values[sdks.at(-1)!.label]!
      rows.push({
        id: `${c.id}-${kind}`,
        figure: `${c.figure}, ${kind === 'fresh' ? 'fresh' : `full (${full.toLocaleString('en-US')} entries, evicting)`}`,
        unit: '× the same pipeline without checkpoints, CPU',
        target: '≤ 1.3×',
        floor: `${fmtUs(result.floor.cpuUs)} CPU; ${sdks.map((sdk) => `${sdk.label} ${result.contenders.find((m) => m.name === `${sdk.label} ${kind}`)!.cpuRatio.toFixed(2)}× floor`).join(', ')}`,
        load: result.load,
        values,
        met: last <= 1.3,
        detail: ratioDetail(result),
      })
    }
  }
  return rows
}

export const pipelineBench = async (sdks: ReadonlyArray<Sdk>, options: PipelineBenchOptions = {}): Promise<Row[]> => [
  ...(await plainRows(sdks, options)),
  ...(await checkpointRows(sdks, options)),
]

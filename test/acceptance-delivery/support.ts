import * as E from 'fp-ts/lib/Either.js'
import {
  createHttpClient,
  firehose,
  setting,
  type CheckpointStore,
  type Classifier,
  type FirehoseDefinition,
  type FirehoseOptions,
  type HttpClient,
  type Logger,
} from '../../src/index.js'
import { dynamoStore } from '../../src/delivery/dynamodb.js'
import { memoryLogger } from '../../src/testing/index.js'
import { customEvent, screenView } from '../../src/testing/index.js'
import { dynaliteTable } from '../delivery/support/dynalite-server.js'
import type { Event } from '../../src/schema/index.js'
import { scriptedServer, type Recorded, type ScriptedServer, type Step } from '../delivery/support/scripted-server.js'

/** The partner's secrets, known so the tests can search every log line and answer for them. */
export const SECRETS = {
  apiKey: 'cfg-apikey-7f3a9c21',
  token: 'firehose-token-b41e6d',
  queryKey: 'query-key-55c0e8aa',
  headerKey: 'header-key-a9d2f107',
} as const

export const settings = {
  apiKey: setting.text({ name: 'API Key', required: true, confidential: true }),
  limit: setting.integer({ name: 'Daily limit' }),
}

export const registration = {
  name: 'Acme',
  version: '1.0',
  description: 'Sends events to Acme',
  permissions: { userIdentities: [{ type: 'email', encoding: 'raw', required: true }], allowUserAttributes: true },
  events: { settings, types: ['custom_event', 'screen_view'], runtimes: ['ios', 'android'] },
  audiences: { settings },
} as const

export const accountSettings = { apiKey: SECRETS.apiKey }

/** `count` custom events named e1..e<count>, in timestamp order (so `on` handlers see them in that order). */
export const numberedEvents = (count: number, type: 'custom_event' | 'screen_view' = 'custom_event'): Event[] => {
  const start = Date.now() - count * 10
  return Array.from({ length: count }, (_, i) =>
    type === 'custom_event' ? customEvent({ name: `e${i + 1}`, timestamp_ms: start + i * 10 }) : screenView({ screen_name: `s${i + 1}`, timestamp_ms: start + i * 10 }),
  )
}

export const ok: Step = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }

/** A loopback partner API; every call carries its event ids in the JSON body (`id` or `ids`). */
export const partner = async () => {
  const server = await scriptedServer()
  /** Every step scripted so far: the server consumes them in arrival order, so request i got planned[i]. */
  const planned: Step[] = []
  const script = (...steps: Step[]): void => {
    planned.push(...steps)
    server.script(...steps)
  }
  const idsOf = (request: Recorded): string[] => {
    const body = JSON.parse(request.body) as { id?: string; ids?: string[] }
    return body.ids ?? (body.id === undefined ? [] : [body.id])
  }
  const onPath = (request: Recorded, path: string | undefined): boolean => path === undefined || request.url.split('?')[0] === path
  /** Whether the client went away before the answer (an aborted call): known once the event loop has turned. */
  const wasAbandoned = (request: Recorded): Promise<boolean> =>
    Promise.race([request.abandoned.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0))])
  /** How often each event id was accepted (answered 2xx, not abandoned) by the partner, on one path or all. */
  const accepted = async (path?: string): Promise<Map<string, number>> => {
    const counts = new Map<string, number>()
    for (const [index, request] of server.requests.entries()) {
      const step = planned[index] ?? ok
      if (!onPath(request, path) || !('status' in step) || step.status < 200 || step.status > 299) continue
      if (await wasAbandoned(request)) continue
      for (const id of idsOf(request)) counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    return counts
  }
  /** How often each event id reached the partner at all, failed and aborted attempts included. */
  const received = (path?: string): Map<string, number> => {
    const counts = new Map<string, number>()
    for (const request of server.requests) if (onPath(request, path)) for (const id of idsOf(request)) counts.set(id, (counts.get(id) ?? 0) + 1)
    return counts
  }
  /** The event ids of each call, in arrival order. */
  const calls = (path?: string): string[][] => server.requests.filter((r) => onPath(r, path)).map(idsOf)
  return { ...server, script, accepted, received, calls, idsOf }
}

export type Partner = Awaited<ReturnType<typeof partner>>

export interface IntegrationOptions {
  readonly partnerUrl: string
  readonly checkpoints?: CheckpointStore
  /** `on` (one call per event), `onEvents` (one bulk call per chunk) or `both`. */
  readonly stages?: 'on' | 'onEvents' | 'both'
  readonly retries?: number
  readonly classify?: Classifier
  /** The margin before the Lambda deadline, for the runtime and the HTTP client alike (default 250 ms each). */
  readonly deadlineMarginMs?: number
  readonly options?: FirehoseOptions
  /** What a handler does before its call (e.g. throw); return a value to skip the call. */
  readonly before?: (event: Event) => unknown
  /** Lets a test write to the handler's `ctx.logger`. */
  readonly ctxLog?: (logger: Logger) => void
}

/**
 * One `firehose()` handler instance (one Lambda container): its own HTTP client, logger and store
 * handle. `on` handlers POST `/track` with the event id; `onEvents` POSTs `/bulk` with the ids.
 * Calls carry an API key in the query and another in a header, as partner APIs do.
 */
export const integration = (o: IntegrationOptions) => {
  const logger = memoryLogger()
  const httpLogger = memoryLogger()
  const http: HttpClient = createHttpClient({
    baseUrl: o.partnerUrl,
    retries: o.retries ?? 0,
    backoff: { baseMs: 1, maxMs: 5 },
    // These scenarios are about the Lambda window (deadlines, claims, leases), so the partner client
    // gets a budget as long as any window here; by default it would keep to mParticle's 200 ms.
    budgetMs: 10_000,
    headers: { 'x-api-key': SECRETS.headerKey },
    logger: httpLogger,
    ...(o.classify ? { classify: o.classify } : {}),
    ...(o.deadlineMarginMs !== undefined ? { deadline: { marginMs: o.deadlineMarginMs } } : {}),
  })
  const stages = o.stages ?? 'on'
  const track = (event: Event, ctx: { http: HttpClient; logger: Logger }) => {
    o.ctxLog?.(ctx.logger)
    const early = o.before?.(event)
    if (early !== undefined) return early as ReturnType<HttpClient['send']>
    return ctx.http.send({ url: '/track', query: { key: SECRETS.queryKey }, json: { id: event.id, type: event.type } })
  }
  const definition: FirehoseDefinition<typeof registration> = {
    registration,
    onEvents:
      stages === 'on'
        ? undefined
        : async (batch, ctx) => {
            const sent = await ctx.http.send({ url: '/bulk', query: { key: SECRETS.queryKey }, json: { ids: batch.events.map((e) => e.id), chunk: batch.chunk.index } })
            return E.isLeft(sent) ? sent : E.right(undefined)
          },
    on: stages === 'onEvents' ? undefined : { custom_event: track, screen_view: track },
    onAudience: (request, ctx) =>
      ctx.http.send({ url: '/audience', query: { key: SECRETS.queryKey }, json: { id: request.id, profiles: ctx.audiences.map((a) => a.profiles.length) } }),
  }
  const handler = firehose(definition, {
    auth: { tokens: [SECRETS.token] },
    logger,
    http,
    ...(o.checkpoints ? { checkpoints: o.checkpoints } : {}),
    ...(o.deadlineMarginMs !== undefined ? { deadline: { marginMs: o.deadlineMarginMs } } : {}),
    ...o.options,
  })
  return { handler, logger, httpLogger, lines: (): string[] => [...logger.lines, ...httpLogger.lines] }
}

/** Every id counted exactly once. */
export const exactlyOnce = (counts: Map<string, number>, ids: ReadonlyArray<string>): boolean => ids.every((id) => counts.get(id) === 1) && counts.size === ids.length

/**
 * A checkpoint table on a dynalite server for the enclosing describe block; each call of the
 * returned function is a new container's store (its own DynamoDB client) on the shared table.
 */
export const sharedDynamoTable = (table: string): (() => CheckpointStore) => {
  const dynamo = dynaliteTable(table)
  return () => dynamoStore({ client: dynamo().newClient(), table })
}

export type { ScriptedServer }

import * as E from 'fp-ts/lib/Either.js'
import {
  createHttpClient,
  firehose,
  permanent,
  suspend,
  type AudienceContext,
  type CheckpointStore,
  type DsrContext,
  type EventContext,
  type FirehoseDefinition,
  type FirehoseError,
  type FirehoseHandler,
  type FirehoseOptions,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type Logger,
  type SubscriptionContext,
} from 'firehose-kit'
import { callDetailsOf } from 'firehose-kit/delivery'
import type { AudienceSubscriptionRequest, CustomEvent, DsrProcessingRequest, ScreenViewEvent } from 'firehose-kit/schema'
import {
  ACME_API,
  acmeUser,
  createListRequest,
  deleteListRequest,
  dsrUser,
  eraseRequest,
  isIdentified,
  isUsableApiKey,
  membersRequest,
  renameListRequest,
  trackRequest,
  type AcmeUser,
} from './acme.js'
import { registration } from './registration.js'

type Registration = typeof registration
type Result<A = unknown> = Promise<E.Either<FirehoseError, A>>

export interface QuickstartOptions {
  /** The `fetch` the Acme client uses; tests pass `recordingFetch().fetch`. */
  readonly fetch?: HttpClientOptions['fetch']
  /** Retry and timing knobs of the Acme client (e.g. a short backoff in tests). */
  readonly http?: Pick<HttpClientOptions, 'retries' | 'backoff' | 'budgetMs' | 'timeoutMs' | 'random'>
  readonly logger?: Logger
  /** Who may call over HTTP; absent: the tokens in `FIREHOSE_TOKENS`. */
  readonly auth?: FirehoseOptions['auth']
  /** Per-event checkpoints, so a redelivered batch does not track an event twice. */
  readonly checkpoints?: CheckpointStore
}

const apiKeyProblem = (apiKey: string): E.Either<FirehoseError, string> =>
  isUsableApiKey(apiKey) ? E.right(apiKey) : E.left(suspend('setting "apiKey" holds characters an API key cannot have'))

/** A 404 on a delete means there is nothing left to delete: done, not failed. */
const goneIsDone = (result: E.Either<FirehoseError, HttpResponse>): E.Either<FirehoseError, unknown> =>
  E.isLeft(result) && callDetailsOf(result.left)?.response?.status === 404 ? E.right(undefined) : result

const track = async (event: CustomEvent | ScreenViewEvent, ctx: EventContext<Registration>): Result => {
  const key = apiKeyProblem(ctx.settings.apiKey)
  if (E.isLeft(key)) return key
  return ctx.http.send(trackRequest(event, acmeUser(ctx.request), ctx.settings))
}

/** Connecting an audience creates an Acme list; its id is stored by mParticle as the `listId` subscription setting. */
const subscribe = async (request: AudienceSubscriptionRequest, ctx: SubscriptionContext<Registration>): Result<{ listId: number } | void> => {
  const key = apiKeyProblem(ctx.settings.apiKey)
  if (E.isLeft(key)) return key
  const { listId } = ctx.subscriptionSettings
  const name = request.audience_name ?? `mParticle audience ${request.audience_id ?? ''}`.trim()
  const send = (req: HttpRequest) => ctx.http.send(req)

  if (request.action === 'remove') {
    return listId === undefined ? E.right(undefined) : E.map(() => undefined)(goneIsDone(await send(deleteListRequest(listId, key.right))))
  }
  if (listId !== undefined) {
    if (request.action !== 'update') return E.right({ listId })
    return E.map(() => ({ listId }))(await send(renameListRequest(listId, name, key.right)))
  }
  const created = await send(createListRequest(request.audience_id, name, key.right))
  if (E.isLeft(created)) return created
  const id = (created.right.json as { id?: unknown } | undefined)?.id
  return typeof id === 'number' && Number.isSafeInteger(id) ? E.right({ listId: id }) : E.left(permanent('Acme created a list but answered without its numeric id'))
}

/**
 * One call per audience and direction. A retryable or suspend failure stops here (the redelivery
 * repeats the calls already made, which Acme treats as no-ops); a permanent one skips that audience.
 */
const syncMembers = async (ctx: AudienceContext<Registration>): Result => {
  const key = apiKeyProblem(ctx.settings.apiKey)
  if (E.isLeft(key)) return key
  let firstPermanent: FirehoseError | undefined
  for (const group of ctx.audiences) {
    if (group.action === 'attribute_update') continue
    const listId = E.isRight(group.settings) ? group.settings.right.listId : undefined
    if (listId === undefined) {
      firstPermanent ??= permanent(`audience ${group.audienceId} has no Acme list id`)
      continue
    }
    const users: AcmeUser[] = group.profiles.map(acmeUser).filter(isIdentified)
    if (users.length === 0) continue
    const result = await ctx.http.send(membersRequest(listId, group.action === 'add' ? 'add' : 'remove', users, key.right))
    if (E.isLeft(result)) {
      if (result.left.kind !== 'permanent') return result
      firstPermanent ??= result.left
    }
  }
  return firstPermanent === undefined ? E.right(undefined) : E.left(firstPermanent)
}

const erase = async (request: DsrProcessingRequest, ctx: DsrContext<Registration>): Result => {
  const key = apiKeyProblem(ctx.settings.apiKey)
  if (E.isLeft(key)) return key
  const user = dsrUser(request)
  if (!isIdentified(user)) return E.left(permanent('erasure request names neither an email nor a controller_customer_id'))
  return goneIsDone(await ctx.http.send(eraseRequest(request.subject_request_id, user, key.right)))
}

/** The integration: one pure function per message kind. `src/index.ts` deploys it; tests invoke it. */
export const definition: FirehoseDefinition<Registration> = {
  registration,
  on: { custom_event: track, screen_view: track },
  onAudienceSubscription: subscribe,
  onAudience: (_request, ctx) => syncMembers(ctx),
  onDsr: erase,
}

/** The options every entry (direct, HTTP, queue ingress and worker) builds the integration with. */
export const quickstartOptions = (options: QuickstartOptions = {}): FirehoseOptions => ({
  http: createHttpClient({ baseUrl: ACME_API, ...options.http, ...(options.fetch ? { fetch: options.fetch } : {}) }),
  ...(options.logger ? { logger: options.logger } : {}),
  ...(options.auth !== undefined ? { auth: options.auth } : {}),
  ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
})

/** The integration, with what tests (or another deployment) want to swap in. */
export const createHandler = (options: QuickstartOptions = {}): FirehoseHandler => firehose(definition, quickstartOptions(options))

/** What `firehose serve src/handler.ts` (and `npm start` at the repository root) runs; Lambda runs `src/index.ts`. */
export const handler = createHandler()

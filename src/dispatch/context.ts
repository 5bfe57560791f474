import type { HttpClient } from '../delivery/index.js'
import type { Logger } from '../logger.js'
import type { Message } from '../schema/index.js'
import type { Deadline } from '../core/deadline.js'

export interface ContextParts {
  readonly message: Message
  readonly settings: Readonly<Record<string, unknown>>
  readonly logger: Logger
  readonly deadline: Deadline
  readonly http: HttpClient
  readonly secrets: ReadonlyArray<string>
  readonly now: () => number
  /** The message's personal data, computed on first use; absent when the partner logs it on purpose. */
  readonly personalData?: () => ReadonlyArray<string>
  /** The default budget of partner calls for this message's transport (`partnerBudgetFor`). */
  readonly partnerBudgetMs?: number
}

/**
 * The key a partner call made for one item is derived from (with the client's `idempotencyHeader`):
 * account id, stage and item, the same parts as the item's checkpoint, so it is stable across
 * retries and redeliveries.
 */
export const itemKeyOf = (scope: string, stage: string, item: string): string => `${scope}/${stage}/${item}`

/**
 * The context for one item: the message's own when the client sends no idempotency keys (nothing
 * to allocate), otherwise a copy whose `http` keys that item's calls.
 */
export const itemContext = (ctx: Record<string, unknown>, http: HttpClient, scope: string, stage: string, item: string): Record<string, unknown> =>
  http.idempotencyHeader === undefined ? ctx : { ...ctx, http: (ctx.http as HttpClient).withContext({ idempotencyKey: itemKeyOf(scope, stage, item) }) }

/** Where a context keeps what its lazy `signal` and `http` are made from (not enumerable). */
const LAZY = Symbol('firehose-kit.context')

interface Lazy {
  readonly parts: ContextParts
  readonly idempotencyKey: string | undefined
  http?: HttpClient
}

type WithLazy = Record<string, unknown> & { readonly [LAZY]: Lazy }

/**
 * `signal` and `http`, made on first read and kept. The getters are shared by every context: a
 * getter written in the object literal would be a new function, and a new hidden class, per
 * message (see `src/core/deadline.ts`).
 */
const LAZY_PROPERTIES = {
  signal: {
    get(this: WithLazy): AbortSignal {
      return this[LAZY].parts.deadline.signal
    },
    enumerable: true,
    configurable: true,
  },
  http: {
    get(this: WithLazy): HttpClient {
      const lazy = this[LAZY]
      const { parts, idempotencyKey } = lazy
      return (lazy.http ??= parts.http.withContext({
        signal: parts.deadline.signal,
        remainingMs: parts.deadline.remainingMs,
        logger: parts.logger,
        secrets: parts.secrets,
        ...(parts.partnerBudgetMs !== undefined ? { budgetMs: parts.partnerBudgetMs } : {}),
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        ...(parts.personalData ? { personalData: parts.personalData } : {}),
      }))
    },
    enumerable: true,
    configurable: true,
  },
}

/**
 * The context every handler receives, as one plain object. `signal` and `http` are made when first
 * read: a handler that never reads them costs no AbortSignal and no bound HTTP client.
 */
const SIGNAL_PROPERTY: PropertyDescriptor = LAZY_PROPERTIES.signal
const HTTP_PROPERTY: PropertyDescriptor = LAZY_PROPERTIES.http

export const buildContext = (parts: ContextParts, extra: Readonly<Record<string, unknown>> = {}, idempotencyKey?: string): Record<string, unknown> => {
  const account = 'account' in parts.message ? parts.message.account : undefined
  const ctx: Record<string, unknown> = {
    settings: parts.settings,
    request: parts.message,
    messageId: parts.message.id,
    accountId: account?.account_id,
    logger: parts.logger,
  }
  Object.defineProperty(ctx, LAZY, { value: { parts, idempotencyKey } satisfies Lazy })
  // One defineProperty per accessor: measured faster than defineProperties, which reads the map of descriptors first.
  Object.defineProperty(ctx, 'signal', SIGNAL_PROPERTY)
  Object.defineProperty(ctx, 'http', HTTP_PROPERTY)
  ctx.now = parts.now
  return Object.assign(ctx, extra)
}

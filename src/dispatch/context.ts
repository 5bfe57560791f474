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
}

/** Where a context keeps what its lazy `signal` and `http` are made from (not enumerable). */
const LAZY = Symbol('firehose-kit.context')

interface Lazy {
  readonly parts: ContextParts
  http?: HttpClient
}

type WithLazy = Record<string, unknown> & { readonly [LAZY]: Lazy }

/**
 * `signal` and `http`, made on first read and kept. The getters are shared by every context: a
 * getter written in the object literal would be a new function, and a new hidden class, per
 * message (see `src/core/deadline.ts`).
 */
const LAZY_PROPERTIES: PropertyDescriptorMap = {
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
      const { parts } = lazy
      return (lazy.http ??= parts.http.withContext({ signal: parts.deadline.signal, remainingMs: parts.deadline.remainingMs, logger: parts.logger, secrets: parts.secrets }))
    },
    enumerable: true,
    configurable: true,
  },
}

/**
 * The context every handler receives, as one plain object. `signal` and `http` are made when first
 * read: a handler that never reads them costs no AbortSignal and no bound HTTP client.
 */
export const buildContext = (parts: ContextParts, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> => {
  const account = 'account' in parts.message ? parts.message.account : undefined
  const ctx: Record<string, unknown> = {
    settings: parts.settings,
    request: parts.message,
    messageId: parts.message.id,
    accountId: account?.account_id,
    logger: parts.logger,
  }
  Object.defineProperty(ctx, LAZY, { value: { parts } satisfies Lazy })
  Object.defineProperties(ctx, LAZY_PROPERTIES)
  ctx.now = parts.now
  return Object.assign(ctx, extra)
}

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

/**
 * The context every handler receives, as one plain object. `signal` and `http` are getters that
 * make their value on first read (and keep it): a handler that never reads them costs no
 * AbortSignal and no bound HTTP client.
 */
export const buildContext = (parts: ContextParts, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> => {
  const account = 'account' in parts.message ? parts.message.account : undefined
  let http: HttpClient | undefined
  return {
    settings: parts.settings,
    request: parts.message,
    messageId: parts.message.id,
    accountId: account?.account_id,
    logger: parts.logger,
    get signal(): AbortSignal {
      return parts.deadline.signal
    },
    get http(): HttpClient {
      return (http ??= parts.http.withContext({ signal: parts.deadline.signal, remainingMs: parts.deadline.remainingMs, logger: parts.logger, secrets: parts.secrets }))
    },
    now: parts.now,
    ...extra,
  }
}

import { rejectUnknownOptions } from '../src/core/options.js'
import { matchesDigest, tokenDigest } from '../src/core/tokens.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import { FirehoseError } from '../src/errors.js'

/** Who may deliver over HTTP: accepted tokens, or a check of your own. */
export interface AuthOptions {
  /** Accepted tokens (several at once, for rotation). */
  readonly tokens?: ReadonlyArray<string>
  /** A custom check, for tokens kept elsewhere; gets the token from `Authorization: Token <token>`. */
  readonly verify?: (token: string | undefined, headers: Readonly<Record<string, string>>) => boolean | Promise<boolean>
}

const TOKEN = /^\s*Token\s+(\S+)\s*$/i

/** The token of an `Authorization: Token <token>` header, or undefined. */
export const tokenFrom = (header: string | undefined): string | undefined => (header === undefined ? undefined : TOKEN.exec(header)?.[1])

const isRegistration = (raw: unknown): boolean => raw !== null && typeof raw === 'object' && (raw as { type?: unknown }).type === 'module_registration_request'

/**
 * Checks mParticle's `Authorization: Token <token>` on HTTP deliveries. Registration requests stay
 * open (mParticle calls them before a token exists); direct invocations are guarded by IAM and pass.
 */
export const auth = (options: AuthOptions = {}): FirehoseMiddleware => {
  rejectUnknownOptions('auth()', options, ['tokens', 'verify'])
  const tokens = (options.tokens ?? []).filter((token) => token.length > 0)
  // Hashed at the first HTTP delivery: direct invocations (and the cold start of a process that only gets those) never load node:crypto.
  let digests: ReadonlyArray<Buffer> | undefined
  // With neither tokens nor verify, every HTTP delivery but registration is refused: fail closed.
  const refuse = (token: string | undefined): never => {
    if (tokens.length === 0 && options.verify === undefined) throw new FirehoseError('unauthorized', 'no tokens configured (set FIREHOSE_TOKENS or options.auth)')
    throw new FirehoseError('unauthorized', token === undefined ? 'missing Authorization: Token header' : 'token not accepted')
  }
  const verified = async (token: string | undefined, headers: Readonly<Record<string, string>>): Promise<void> => {
    if ((await options.verify!(token, headers)) !== true) refuse(token)
  }
  // Synchronous unless `verify` has to be asked: an accepted token costs the pipeline no await.
  const before = (request: FirehoseRequest): Promise<void> | void => {
    const { arrival, raw } = firehoseState(request)
    if (arrival.transport !== 'http' || isRegistration(raw)) return
    const token = tokenFrom(arrival.headers.authorization)
    if (token !== undefined && tokens.length > 0 && matchesDigest(token, (digests ??= tokens.map(tokenDigest)))) return
    if (options.verify !== undefined) return verified(token, arrival.headers)
    refuse(token)
  }
  return { name: 'auth', before }
}

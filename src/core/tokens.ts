import { nodeCrypto } from './node-crypto.js'

/**
 * The tokens mParticle may send (`Authorization: Token <token>`), read from the environment so they
 * never live in code: comma-separated, several at once while a token is rotated. Blanks are dropped.
 */
export const tokensFromEnv = (env: NodeJS.ProcessEnv = process.env, variable = 'FIREHOSE_TOKENS'): string[] => {
  const value = env[variable]
  if (value === undefined) return []
  const tokens = value
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '')
  return [...new Set(tokens)]
}

/** How `tokensFrom()` keeps the tokens it loaded. */
export interface TokensFromOptions {
  /** How long loaded tokens are trusted before the next check loads them again (ms). @default 300000 (5 min) */
  readonly maxAgeMs?: number
  /** A token not among the cached ones reloads them, at most this often (ms), so a rotated-in token works at once. @default 30000 */
  readonly reloadOnMissMs?: number
  /** Testing only. @default Date.now */
  readonly clock?: () => number
}

const splitTokens = (value: string | ReadonlyArray<string>): string[] => [
  ...new Set((typeof value === 'string' ? value.split(',') : value).map((token) => token.trim()).filter((token) => token !== '')),
]

/**
 * Auth options whose tokens are read at run time (from Secrets Manager, Parameter Store...) and kept
 * across invocations of a warm Lambda: `load` runs on the first HTTP delivery, again after
 * `maxAgeMs`, and when an unknown token arrives (at most every `reloadOnMissMs`), so rotating a
 * secret (`old,new`) needs no redeploy. `load` answers the comma-separated value or a list. A load
 * that fails makes that delivery retryable; the tokens never pass through the environment.
 *
 * ```ts
 * const secrets = new SecretsManagerClient({})
 * const auth = tokensFrom(async () => (await secrets.send(new GetSecretValueCommand({ SecretId }))).SecretString ?? '')
 * export const handler = firehose(definition, { auth })
 * ```
 */
export const tokensFrom = (
  load: () => Promise<string | ReadonlyArray<string>>,
  options: TokensFromOptions = {},
): {
  /** True when `token` is one of the loaded tokens (compared in constant time): `AuthOptions.verify`. */
  readonly verify: (token: string | undefined) => Promise<boolean>
} => {
  const maxAgeMs = options.maxAgeMs ?? 300_000
  const reloadOnMissMs = options.reloadOnMissMs ?? 30_000
  const now = options.clock ?? Date.now
  let cached: { tokens: string[]; at: number } | undefined
  let pending: Promise<string[]> | undefined
  const refresh = (): Promise<string[]> =>
    (pending ??= load()
      .then((value) => {
        cached = { tokens: splitTokens(value), at: now() }
        return cached.tokens
      })
      .finally(() => {
        pending = undefined
      }))
  const current = async (): Promise<string[]> => (cached !== undefined && now() - cached.at < maxAgeMs ? cached.tokens : refresh())
  return {
    /** True when `token` is one of the loaded tokens (compared in constant time). */
    verify: async (token) => {
      if (token === undefined) return false
      if (matches(token, await current())) return true
      if (cached !== undefined && now() - cached.at >= reloadOnMissMs) return matches(token, await refresh())
      return false
    },
  }
}

/** A token's SHA-256, the form tokens are compared in. */
export const tokenDigest = (value: string): Buffer => nodeCrypto().hash('sha256', value, 'buffer')

/** Constant time: both sides are hashed to the same length first, and every digest is compared. */
export const matchesDigest = (token: string, digests: ReadonlyArray<Buffer>): boolean => {
  const given = tokenDigest(token)
  let found = false
  for (const expected of digests) found = nodeCrypto().timingSafeEqual(given, expected) || found
  return found
}

const matches = (token: string, tokens: ReadonlyArray<string>): boolean => matchesDigest(token, tokens.map(tokenDigest))

/**
 * The tokens mParticle may send (`Authorization: Token <token>`), read from the environment so they
 * never live in code: comma-separated, several at once while a token is rotated. Blanks are dropped.
 */
export const tokensFromEnv = (env: NodeJS.ProcessEnv = process.env, variable = 'FIREHOSE_TOKENS'): string[] => {
  const value = env[variable]
  if (value === undefined) return []
  const tokens = value.split(',').map((token) => token.trim()).filter((token) => token !== '')
  return [...new Set(tokens)]
}

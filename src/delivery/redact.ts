import { REDACTED, secretVariants } from '../logger.js'

/** Same threshold as the logger: masking "1" or "true" would mangle every reason. */
const MIN_SECRET_LENGTH = 4

export const secretList = (...sources: Array<Iterable<string> | undefined>): string[] => {
  const list = new Set<string>()
  for (const source of sources) {
    for (const secret of source ?? []) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue
      // A secret may show up URL-encoded in a path, or be a URL whose path is the secret part.
      for (const variant of secretVariants(secret)) {
        list.add(variant)
        list.add(JSON.stringify(variant).slice(1, -1)) // as it shows in a JSON body a classifier quotes
      }
    }
  }
  return [...list].sort((a, b) => b.length - a.length)
}

export const maskSecrets = (text: string, secrets: ReadonlyArray<string>): string => {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/**
 * What a reason or log line may say about a URL: host (with port) and path. Never the scheme's
 * credentials, the query string (API keys often travel there) or the fragment.
 */
export const describeTarget = (url: URL, secrets: ReadonlyArray<string>): string => maskSecrets(`${url.host}${url.pathname}`, secrets)

import { maskSecrets } from '../logger.js'

// One secret list and one masking for log lines and for reasons: the logger's.
export { maskSecrets, secretList } from '../logger.js'

/**
 * What a reason or log line may say about a URL: host (with port) and path. Never the scheme's
 * credentials, the query string (API keys often travel there) or the fragment.
 */
export const describeTarget = (url: URL, secrets: ReadonlyArray<string>): string => maskSecrets(`${url.host}${url.pathname}`, secrets)

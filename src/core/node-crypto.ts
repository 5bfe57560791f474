import { createRequire } from 'node:module'

type NodeCrypto = typeof import('node:crypto')

let loaded: NodeCrypto | undefined

/**
 * `node:crypto`, loaded on first use instead of at import. Loading it costs about 2.5 ms of CPU, a
 * tenth of a cold start, and most invocations never need it: a response id is drawn only when the
 * request's is not a UUID, tokens are hashed only for HTTP deliveries, idempotency keys only when a
 * header is configured. `process.getBuiltinModule` loads it synchronously (Node ≥ 22.3 and 20.16);
 * older Node 22 releases get it through `require`.
 */
export const nodeCrypto = (): NodeCrypto =>
  (loaded ??= (process.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? (createRequire(import.meta.url)('node:crypto') as NodeCrypto))

/** Every default firehose-kit applies, in one place. */
export const DEFAULTS = {
  /** Lambda's own payload limit, and so the largest body every transport accepts. */
  maxBodyBytes: 6 * 1024 * 1024,
  /** The status of retryable HTTP answers: 429 is the one every version of mParticle's docs retries. */
  retryStatus: 429,
  /** `Retry-After` seconds when a retryable failure names no delay. */
  retryAfterSeconds: 1,
  /** How long before the Lambda deadline `ctx.signal` fires and partner calls stop. */
  deadlineMarginMs: 250,
  /** The partner client's budget per call, retries included, for a client used outside a handler (no transport to go by). */
  partnerBudgetMs: 10_000,
  /** mParticle's budget for a Lambda function's answer (Firehose docs: 200 ms). */
  lambdaBudgetMs: 200,
  /** mParticle's budget for an HTTP endpoint's answer (Firehose docs: 100 ms). */
  httpBudgetMs: 100,
  /** Kept from mParticle's budget for the pipeline itself (auth, decoding, the response): partner calls get the rest. */
  partnerBudgetMarginMs: 25,
  /** Retries of a partner call after the first attempt. */
  partnerRetries: 2,
  /** A checkpoint claim outlives its invocation's window by this much, and never lasts longer than `maxLeaseMs`. */
  leaseSlackMs: 10_000,
  maxLeaseMs: 15 * 60_000,
  /** How long a handler that ignores the signal may run past it before its item is counted retryable. */
  handlerGraceMs: 50,
  /** How long past the signal a checkpoint mark or release is still waited for (well inside `deadlineMarginMs`). */
  storeGraceMs: 100,
  /** Attempts at recording a delivery in the checkpoint store before the item counts as not recorded. */
  markAttempts: 3,
  /** Keys per batched read of the checkpoint store (DynamoDB's BatchGetItem limit). */
  storeReadBatch: 100,
  /** Claims of upcoming items an asynchronous checkpoint store is asked for at once, ahead of their turn. */
  claimsAhead: 16,
  /** A partner call (first attempt or retry) does not start with less than this left before its deadline. */
  minCallMs: 20,
  /** `on` handlers running at once. */
  concurrency: 1,
} as const

/** How a message reached the handler, as far as the partner client's budget goes. */
export type BudgetTransport = 'direct' | 'http' | 'queue'

/**
 * The default budget of a handler's partner calls, retries included: mParticle's budget for the
 * transport (200 ms on Lambda, 100 ms over HTTP) minus a margin for the pipeline; in queue mode's
 * worker nobody waits on the answer, so the worker's own Lambda timeout (minus the deadline margin)
 * is the only bound.
 */
export const partnerBudgetFor = (transport: BudgetTransport): number =>
  transport === 'queue' ? Number.POSITIVE_INFINITY : (transport === 'http' ? DEFAULTS.httpBudgetMs : DEFAULTS.lambdaBudgetMs) - DEFAULTS.partnerBudgetMarginMs

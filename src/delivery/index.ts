/**
 * The partner-API client and its parts: status and network-error classification, retries and
 * `Retry-After`, call details of failures, and the checkpoint stores.
 * @module firehose-kit/delivery
 */
export { classifyResponse, classifyStatus, classifyNetworkError, isErrorResult } from './classify.js'
export type { CallInfo, PartnerAnswer, PartnerStatusAnswer, PartnerNetworkFailure, Classifier, ClassifiedOutcome } from './classify.js'
export { networkErrorOf, NETWORK_ERROR_KINDS } from './network-error.js'
export type { NetworkError, NetworkErrorKind } from './network-error.js'
export { createHttpClient, DEFAULT_RETRIES, DEFAULT_BUDGET_MS, DEFAULT_DEADLINE_MARGIN_MS } from './http-client.js'
export type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, CallContext, QueryValue } from './http-types.js'
export { PartnerCallError, isPartnerCallError, callDetailsOf } from './call-error.js'
export type { CallDetails } from './call-error.js'
export { parseRetryAfter } from './retry-after.js'
export { backoffDelay } from './backoff.js'
export type { BackoffOptions } from './backoff.js'
export { DEFAULT_CHECKPOINT_TTL_SECONDS } from './checkpoint-store.js'
export type { CheckpointStore, ClaimResult } from './checkpoint-store.js'
export { memoryStore } from './memory-store.js'
export type { MemoryStoreOptions } from './memory-store.js'

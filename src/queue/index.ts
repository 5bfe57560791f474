/**
 * Queue mode: `queueIngress()` acknowledges event batches and membership changes once SQS holds
 * them, `queueWorker()` delivers them from the queue. Needs `@aws-sdk/client-sqs`.
 * @module firehose-kit/queue
 */
export { queueIngress, type QueueIngressOptions } from './ingress.js'
export { queueWorker, type QueueWorkerOptions, type QueueWorkerHandler } from './worker.js'
export { splitMessage, chunkId, DEFAULT_MAX_MESSAGE_BYTES, SQS_MESSAGE_LIMIT, type QueuedMessage, type Split } from './split.js'
export { ORIGINAL_ID_ATTRIBUTE, CHUNK_ATTRIBUTE } from './enqueue.js'

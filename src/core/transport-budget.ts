import type { BudgetTransport } from './defaults.js'

/** Lambda contexts of queue mode's worker: their messages are budgeted by the worker's timeout, not mParticle's. */
const workerContexts = new WeakSet<object>()

/** Marks a Lambda context as queue mode's worker's (the worker does it for every SQS event). */
export const markWorkerContext = <C extends object>(context: C): C => {
  workerContexts.add(context)
  return context
}

/** The transport whose budget applies to a message: the worker's queue, HTTP, or a direct invocation. */
export const budgetTransportOf = (arrival: { readonly transport: 'direct' | 'http' }, context: unknown): BudgetTransport =>
  context !== null && typeof context === 'object' && workerContexts.has(context) ? 'queue' : arrival.transport

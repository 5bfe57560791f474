import type { DispatchResult } from '../core/outcome.js'
import type { DsrProcessingRequest } from '../schema/index.js'
import type { Job } from './job.js'
import { runItem } from './run-item.js'

/** `onDsr` once per request. */
export const dsrDispatcher = async (message: DsrProcessingRequest, job: Job): Promise<DispatchResult> => {
  const handler = job.setup.definition.onDsr
  if (handler === undefined) return { items: [] }
  const { outcome } = await runItem(job, message.id, 'onDsr', () => handler(message, job.context({}, { stage: 'onDsr', item: message.id })), false)
  return { items: [outcome] }
}

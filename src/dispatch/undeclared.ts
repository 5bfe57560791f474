import type { DispatchResult } from '../core/outcome.js'
import type { DispatchSetup, Job } from './job.js'

/** The message types already reported, per built handler: a warm Lambda says it once, not on every delivery. */
const reported = new WeakMap<DispatchSetup, Set<string>>()

/**
 * A message of a kind the integration declares no handler for (an erasure request without `onDsr`,
 * membership changes without `onAudience`...): acknowledged with the normal response, as the
 * protocol requires, and logged once at warn level with its type, so that it is not lost unseen.
 */
export const acknowledgeUndeclared = (job: Job, type: string, handler: string): DispatchResult => {
  let types = reported.get(job.setup)
  if (types === undefined) reported.set(job.setup, (types = new Set()))
  if (!types.has(type)) {
    types.add(type)
    job.admitted.logger.warn('message acknowledged without a handler', {
      type,
      handler,
      note: `declare ${handler} to act on ${type} messages; further ones are acknowledged without this line`,
    })
  }
  return { items: [] }
}

import type { DispatchResult } from '../core/outcome.js'
import { groupByAudience } from '../definition/audience-groups.js'
import type { AudienceMembershipChangeRequest } from '../schema/index.js'
import type { Job } from './job.js'
import { runItem } from './run-item.js'

/** `onAudience` once per message, through the message's checkpoint; the profiles grouped by audience. */
export const audienceMembershipDispatcher = async (message: AudienceMembershipChangeRequest, job: Job): Promise<DispatchResult> => {
  const handler = job.setup.definition.onAudience
  if (handler === undefined) return { items: [] }
  const subscriptionDeclared = job.setup.definition.registration.audiences?.subscriptionSettings ?? {}
  const ctx = job.context({ audiences: groupByAudience(message.user_profiles, subscriptionDeclared) }, { stage: 'onAudience', item: message.id })
  const { outcome } = await runItem(job, message.id, 'onAudience', () => handler(message, ctx), true)
  return { items: [outcome] }
}

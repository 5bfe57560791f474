import * as E from 'fp-ts/lib/Either.js'
import { acknowledgeUndeclared } from './undeclared.js'
import type { DispatchResult } from '../core/outcome.js'
import { decodeSettings, encodeSettings } from '../definition/settings.js'
import type { AudienceSubscriptionRequest } from '../schema/index.js'
import type { Job } from './job.js'
import { runItem } from './run-item.js'

/**
 * `onAudienceSubscription` with the subscription's settings typed; what it resolves to is encoded
 * back into `audience_subscription_settings` (a value the declaration cannot encode is permanent).
 */
export const audienceSubscriptionDispatcher = async (message: AudienceSubscriptionRequest, job: Job): Promise<DispatchResult> => {
  const handler = job.setup.definition.onAudienceSubscription
  if (handler === undefined) return acknowledgeUndeclared(job, message.type, 'onAudienceSubscription')
  const declared = job.setup.definition.registration.audiences?.subscriptionSettings ?? {}
  const typed = decodeSettings(declared, message.audience_subscription_settings ?? undefined, { enforceRequired: false })
  const previous = decodeSettings(declared, message.previous_audience_subscription_settings ?? undefined, { enforceRequired: false })
  const ctx = job.context(
    {
      subscriptionSettings: E.isRight(typed) ? typed.right : {},
      previousSubscriptionSettings: E.isRight(previous) ? previous.right : {},
    },
    { stage: 'onAudienceSubscription', item: message.id },
  )
  const { outcome, result } = await runItem(job, message.id, 'onAudienceSubscription', () => handler(message, ctx), false)
  if (outcome.kind !== 'delivered' || E.isLeft(result) || result.right === undefined || result.right === null) return { items: [outcome] }
  try {
    const settings = encodeSettings(declared, result.right as Record<string, unknown>)
    return { items: [outcome], fields: Object.keys(settings).length > 0 ? { audience_subscription_settings: settings } : {} }
  } catch (error) {
    return { items: [{ item: message.id, stage: 'onAudienceSubscription', kind: 'permanent', reason: (error as Error).message }] }
  }
}

import * as E from 'fp-ts/lib/Either.js'
import { int64ToNumber, type CustomEvent } from 'firehose-kit/schema'
import { attributeFields } from '../coerce.js'
import type { IterableUser } from '../identity.js'
import { PATHS } from '../iterable-client.js'
import { seconds, type Mapping } from './mapping.js'
import { isSubscriptionsEvent, subscriptionsCall } from './subscriptions.js'

/**
 * `subscriptionsUpdated` (any case) becomes `users/updateSubscriptions`; every other custom event
 * becomes `events/track`, its `id` the mParticle event id so a replay upserts instead of
 * duplicating. Its attributes are always coerced, whatever the setting (Java parity, see README).
 */
export const customEventCall = (event: CustomEvent, user: IterableUser): Mapping => {
  if (isSubscriptionsEvent(event)) return subscriptionsCall(event, user.email)
  const dataFields = attributeFields(event.attributes, true)
  return E.right({
    path: PATHS.track,
    body: {
      eventName: event.name,
      id: event.id,
      createdAt: seconds(int64ToNumber(event.timestamp_ms)),
      email: user.email,
      ...(user.userId !== undefined ? { userId: user.userId } : {}),
      ...(dataFields !== undefined ? { dataFields } : {}),
    },
  })
}

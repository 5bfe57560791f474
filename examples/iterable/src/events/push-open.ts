import * as E from 'fp-ts/lib/Either.js'
import { permanent } from 'firehose-kit'
import { int64ToNumber, type PushMessageOpenEvent, type PushMessageReceiptEvent } from 'firehose-kit/schema'
import type { IterableUser } from '../identity.js'
import { PATHS } from '../iterable-client.js'
import { seconds, type Mapping } from './mapping.js'

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Only JSON integers count (Java's `Integer.parseInt` of the serialized value); anything else is 0. */
const int32 = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647 ? value : 0)

/**
 * The `itbl` block of a push payload: a JSON string on Android, an object on iOS (either form is
 * accepted on any runtime).
 */
const itblOf = (payload: Record<string, unknown>): Record<string, unknown> | undefined => {
  const itbl = payload.itbl
  const parsed = typeof itbl === 'string' ? parseJson(itbl) : itbl
  return isObject(parsed) ? parsed : undefined
}

/**
 * A push receipt or open as `events/trackPushOpen`. No call without an `itbl` block, and none for
 * a proof send (campaignId or templateId missing, 0, or not a JSON integer).
 */
export const pushOpenCall = (event: PushMessageReceiptEvent | PushMessageOpenEvent, user: IterableUser): Mapping => {
  if (event.payload === undefined || event.payload === null) return E.right({ noCall: 'no push payload' })
  const payload = parseJson(event.payload)
  if (!isObject(payload)) return E.left(permanent('push payload is not a JSON object'))
  if (!('itbl' in payload)) return E.right({ noCall: 'not an Iterable push (no itbl)' })
  const itbl = itblOf(payload)
  if (itbl === undefined) return E.left(permanent('push payload: itbl is not a JSON object'))
  const campaignId = int32(itbl.campaignId)
  const templateId = int32(itbl.templateId)
  if (campaignId === 0 || templateId === 0) return E.right({ noCall: 'proof send (no campaignId or templateId)' })
  return E.right({
    path: PATHS.trackPushOpen,
    body: {
      email: user.email,
      ...(user.userId !== undefined ? { userId: user.userId } : {}),
      campaignId,
      templateId,
      ...(typeof itbl.messageId === 'string' ? { messageId: itbl.messageId } : {}),
      createdAt: seconds(int64ToNumber(event.timestamp_ms)),
    },
  })
}

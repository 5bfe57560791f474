import * as E from 'fp-ts/lib/Either.js'
import { permanent, type FirehoseError } from 'firehose-kit'
import type { CustomEvent } from 'firehose-kit/schema'
import { PATHS } from '../iterable-client.js'
import type { IterableCall } from './mapping.js'

export const SUBSCRIPTIONS_EVENT_NAME = 'subscriptionsUpdated'

export const isSubscriptionsEvent = (event: CustomEvent): boolean => event.name.toLowerCase() === SUBSCRIPTIONS_EVENT_NAME.toLowerCase()

const INT32 = /^[+-]?\d+$/
const toInt32 = (text: string): number | undefined => {
  if (!INT32.test(text)) return undefined
  const value = Number(text)
  return value >= -2_147_483_648 && value <= 2_147_483_647 ? value + 0 : undefined
}

/**
 * A comma-separated list of integers: tokens trimmed, empty tokens between commas skipped (as
 * Java's StringTokenizer), "" is `[]`, a missing key is `undefined` (the field is left out).
 */
export const integerList = (key: string, text: string | undefined): E.Either<FirehoseError, number[] | undefined> => {
  if (text === undefined) return E.right(undefined)
  const out: number[] = []
  for (const token of text.split(',')) {
    if (token === '') continue
    const value = toInt32(token.trim())
    if (value === undefined) return E.left(permanent(`attribute ${key}: expected comma-separated integers`))
    out.push(value)
  }
  return E.right(out)
}

/** An optional integer: invalid values are ignored, as in Java. */
const optionalInt = (text: string | undefined): number | undefined => (text === undefined || text === '' ? undefined : toInt32(text.trim()))

const LIST_KEYS = ['emailListIds', 'unsubscribedChannelIds', 'unsubscribedMessageTypeIds'] as const

/** `users/updateSubscriptions`: the user's email only (no userId), and no `track` call. */
export const subscriptionsCall = (event: CustomEvent, email: string): E.Either<FirehoseError, IterableCall> => {
  const attributes = event.attributes ?? {}
  const body: Record<string, unknown> = { email }
  for (const key of LIST_KEYS) {
    const list = integerList(key, attributes[key])
    if (E.isLeft(list)) return list
    if (list.right !== undefined) body[key] = list.right
  }
  const campaignId = optionalInt(attributes.campaignId)
  const templateId = optionalInt(attributes.templateId)
  if (campaignId !== undefined) body.campaignId = campaignId
  if (templateId !== undefined) body.templateId = templateId
  return E.right({ path: PATHS.updateSubscriptions, body })
}

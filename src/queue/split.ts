import { createHash } from 'node:crypto'
import { safeStringify } from '../core/json.js'

/** SQS's limit for one message, body and attributes together (and for one SendMessageBatch call). */
export const SQS_MESSAGE_LIMIT = 262_144
/** Room left for the message attributes firehose-kit adds (a few hundred bytes at most). */
export const ATTRIBUTE_MARGIN = 1_024
/** Largest body the ingress sends: SQS's 256 KiB less 1 KiB for attributes. */
export const DEFAULT_MAX_MESSAGE_BYTES = SQS_MESSAGE_LIMIT - ATTRIBUTE_MARGIN

/** One message to enqueue: the JSON text of a Firehose message, whole or a chunk of one. */
export interface QueuedMessage {
  readonly body: string
  readonly bytes: number
  /** The id inside `body`: the original's, or the chunk's own. */
  readonly id: string
  readonly originalId: string
  /** 0-based position and count of chunks; absent when the message went whole. */
  readonly chunk?: { readonly index: number; readonly count: number }
}

/** A Firehose message cut into messages that fit SQS, and the items too large for any. */
export interface Split {
  readonly messages: ReadonlyArray<QueuedMessage>
  /** Items that alone (with the envelope) exceed the limit: event ids, or `user_profiles/<i>`. */
  readonly oversize: ReadonlyArray<string>
  /**
   * Items `JSON.stringify` cannot write (nested deeper than the stack allows), or the message id when
   * its envelope cannot be written: left out, like oversize items.
   */
  readonly unserialisable: ReadonlyArray<string>
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8')

/**
 * A chunk's id: a UUID-shaped digest of the original id and the chunk's index (RFC 9562 version 8).
 * The same message always splits the same way, so a chunk sent again keeps its id, and checkpoints
 * keyed by message id (onAudience, notifications) recognise it.
 */
export const chunkId = (originalId: string, index: number): string => {
  const hex = createHash('sha256').update(`${originalId}/${index}`, 'utf8').digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The key whose array is split for each kind of message that goes to the queue. */
const splitKey = (type: unknown): 'events' | 'user_profiles' | undefined =>
  type === 'event_processing_request' ? 'events' : type === 'audience_membership_change_request' ? 'user_profiles' : undefined

const itemLabel = (key: 'events' | 'user_profiles', item: unknown, index: number): string => {
  const id = key === 'events' && item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : `${key}/${index}`
}

/** Packs item indexes greedily, in order, into groups whose chunk text stays within `maxBytes`. */
const pack = (sizes: ReadonlyArray<number>, base: number, maxBytes: number): { groups: number[][]; oversize: number[] } => {
  const groups: number[][] = []
  const oversize: number[] = []
  let current: number[] = []
  let used = base
  sizes.forEach((size, index) => {
    if (base + size > maxBytes) {
      oversize.push(index)
      return
    }
    if (current.length > 0 && used + 1 + size > maxBytes) {
      groups.push(current)
      current = []
      used = base
    }
    used += (current.length > 0 ? 1 : 0) + size
    current.push(index)
  })
  if (current.length > 0) groups.push(current)
  return { groups, oversize }
}

/**
 * Turns a Firehose message (its parsed wire JSON) into messages that each fit `maxBytes`. A message
 * that fits goes whole, as its own JSON text. A larger event batch becomes chunks of its events, a
 * larger membership change chunks of its profiles: each chunk is the same envelope (account, user
 * data) with a subset of the items, in their original order, and a chunk id. System notifications
 * ride with the first chunk only, so their handlers run once. An item too big for any chunk is
 * reported in `oversize` and left out: no split can carry it.
 */
export const splitMessage = (raw: Readonly<Record<string, unknown>>, maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES): Split => {
  const originalId = String(raw.id)
  const whole = safeStringify(raw)
  const wholeBytes = whole === undefined ? Infinity : byteLength(whole)
  if (whole !== undefined && wholeBytes <= maxBytes) return { messages: [{ body: whole, bytes: wholeBytes, id: originalId, originalId }], oversize: [], unserialisable: [] }

  const key = splitKey(raw.type)
  const items = key === undefined ? undefined : raw[key]
  const cannot = whole === undefined ? { oversize: [], unserialisable: [originalId] } : { oversize: [originalId], unserialisable: [] }
  if (key === undefined || !Array.isArray(items) || items.length === 0) return { messages: [], ...cannot }

  const texts = items.map((item) => (item === undefined ? 'null' : safeStringify(item)))
  const unserialisable = texts.flatMap((text, index) => (text === undefined ? [index] : []))
  // An unserialisable item is sized past any limit, so `pack` leaves it out; it is reported on its own.
  const sizes = texts.map((text) => (text === undefined ? Infinity : byteLength(text)))
  const hasNotifications = key === 'events' && 'system_notifications' in raw
  const envelopeFor = (chunk: number, chunkItems: unknown[]): Record<string, unknown> => ({
    ...raw,
    id: chunkId(originalId, chunk),
    [key]: chunkItems,
    ...(hasNotifications && chunk > 0 ? { system_notifications: [] } : {}),
  })
  // Chunk ids all have the same length; every chunk is sized as the first (the one carrying the
  // notifications), which wastes a little room only when a batch has large notifications.
  const envelope = safeStringify(envelopeFor(0, []))
  if (envelope === undefined) return { messages: [], oversize: [], unserialisable: [originalId] }
  const base = byteLength(envelope)
  const { groups, oversize } = pack(sizes, base, maxBytes)

  const messages = groups.map((group, index): QueuedMessage => {
    const body = JSON.stringify(
      envelopeFor(
        index,
        group.map((i) => items[i]),
      ),
    )
    return { body, bytes: byteLength(body), id: chunkId(originalId, index), originalId, chunk: { index, count: groups.length } }
  })
  const failed = new Set(unserialisable)
  return {
    messages,
    oversize: oversize.filter((index) => !failed.has(index)).map((index) => itemLabel(key, items[index], index)),
    unserialisable: unserialisable.map((index) => itemLabel(key, items[index], index)),
  }
}

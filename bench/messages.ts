import { EVENT_TYPES, type EventType } from '../src/schema/index.js'
import { sampleBatch } from './sample-events.js'

const PLACEHOLDER = 987654321

/**
 * A message's text with a fresh `account_id` per call: checkpoint keys start with the account id,
 * so every call claims keys no earlier call wrote (otherwise a second call would find every event
 * delivered and skip it). The text is two halves joined around the number, the same for the floor
 * and the contenders; joining costs O(1) and `JSON.parse` reads it like any other string.
 */
export interface MessageText {
  readonly bytes: number
  /** The text, with the same account id every time. */
  readonly text: string
  /** The text with an account id no earlier call had. */
  readonly next: () => string
}

const templated = (message: Record<string, unknown>): MessageText => {
  const text = JSON.stringify(message)
  const marker = `"account_id":${PLACEHOLDER}`
  const at = text.indexOf(marker)
  if (at < 0) throw new Error('bench message without the account id placeholder')
  const head = text.slice(0, at) + '"account_id":'
  const tail = text.slice(at + marker.length)
  let counter = 1_000_000
  return { bytes: Buffer.byteLength(text), text, next: () => head + counter++ + tail }
}

/** An event batch of `count` events, all 16 types mixed (bench/sample-events.ts), or the `types` given. */
export const eventsText = (count: number, types: ReadonlyArray<EventType> = EVENT_TYPES): MessageText => {
  const batch = sampleBatch(count, types)
  const account = batch.account as { account_settings: Record<string, string> }
  return templated({ ...batch, account: { account_id: PLACEHOLDER, account_settings: { ...account.account_settings, apiKey: 'k-123' } } })
}

const profile = (index: number): Record<string, unknown> => ({
  user_identities: [
    { type: 'email', encoding: 'raw', value: `user${index}@example.com` },
    { type: 'customer', encoding: 'raw', value: `c-${index}` },
  ],
  mpid: String(1_000_000 + index),
  audiences: [
    { audience_id: 42, audience_name: 'Loyal customers', action: index % 3 === 2 ? 'delete' : 'add', audience_subscription_settings: { listId: '7' } },
    { audience_id: 43, audience_name: 'Lapsed', action: 'add' },
  ],
})

/** An audience membership change of `count` profiles, each in two audiences. */
export const membershipText = (count: number): MessageText =>
  templated({
    type: 'audience_membership_change_request',
    id: '4b1e5c2a-1f0e-4a53-9e5b-0d2a3c4e5f60',
    timestamp_ms: 1714592744066,
    firehose_version: '3.2.0',
    account: { account_id: PLACEHOLDER, account_settings: { apiKey: 'k-123' } },
    user_profiles: Array.from({ length: count }, (_, i) => profile(i)),
  })

/** The minimal response the floor writes: what a bare implementation would answer. */
export const floorResponse = (message: { id?: unknown; type?: unknown }): string =>
  JSON.stringify({ type: 'event_processing_response', id: message.id, timestamp_ms: Date.now(), firehose_version: '3.2.0' })

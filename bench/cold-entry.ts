import * as E from 'fp-ts/lib/Either.js'
import { firehose } from '../src/index.js'
import { EVENT_TYPES } from '../src/schema/index.js'

/** The cold-start subject: every event type registered, each handled by a no-op. */
const noop = () => E.right(undefined)
export const handler = firehose(
  {
    registration: { name: 'Cold', version: '1', events: { types: EVENT_TYPES, pushMessagingProviderId: 'cold' } },
    on: Object.fromEntries(EVENT_TYPES.map((type) => [type, noop])),
  },
  { auth: false },
)

import * as E from 'fp-ts/lib/Either.js'
import { permanent } from 'firehose-kit'
import type { Event, EventProcessingRequest, UserIdentityChangeEvent } from 'firehose-kit/schema'
import { dataFields } from './coerce.js'
import { placeholderEmail, type IterableUser, type UserIdMode } from './identity.js'
import { PATHS } from './iterable-client.js'
import type { Mapping } from './events/mapping.js'

/** One `users/updateEmail` an identity change asks for, tied to its event. */
export interface EmailUpdate {
  readonly event: UserIdentityChangeEvent
  readonly mapped: Mapping
}

const firstEmailAdded = (event: UserIdentityChangeEvent): string | undefined => {
  const added = event.added?.[0]
  return added?.type === 'email' && added.value !== '' ? added.value : undefined
}

/**
 * Email conversions, in Java's order: every "added only" change first (from the placeholder the
 * user had, computed as for a user without email), then every "changed" one (from the removed
 * email). Only the first added identity counts, and only if it is an email.
 */
export const emailUpdates = (events: ReadonlyArray<Event>, request: EventProcessingRequest, mode: UserIdMode): EmailUpdate[] => {
  const changes = events.filter((event): event is UserIdentityChangeEvent => event.type === 'user_identity_change')
  const addedOnly: EmailUpdate[] = []
  const changed: EmailUpdate[] = []
  for (const event of changes) {
    const newEmail = firstEmailAdded(event)
    if (newEmail === undefined) continue
    const removed = event.removed?.[0]?.value
    if ((event.removed ?? []).length === 0) {
      const currentEmail = placeholderEmail(request, mode)
      addedOnly.push({
        event,
        mapped:
          currentEmail === undefined
            ? E.left(permanent('email added but there is no placeholder email to convert'))
            : E.right({ path: PATHS.updateEmail, body: { currentEmail, newEmail } }),
      })
    } else if (removed !== undefined && removed !== '') {
      changed.push({ event, mapped: E.right({ path: PATHS.updateEmail, body: { currentEmail: removed, newEmail } }) })
    }
  }
  return [...addedOnly, ...changed]
}

/** The one `users/update` per batch: identity plus user attributes (`$Mobile` renamed, coerced per setting). */
export const userUpdateCall = (request: EventProcessingRequest, user: IterableUser, coerce: boolean): Mapping => {
  const fields = dataFields(request.user_attributes, coerce)
  return E.right({
    path: PATHS.updateUser,
    body: { email: user.email, ...(user.userId !== undefined ? { userId: user.userId } : {}), ...(fields !== undefined ? { dataFields: fields } : {}) },
  })
}

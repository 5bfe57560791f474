import { FIREHOSE_VERSION, encodeMessage, isUuid, type Message, type MessageType } from '../schema/index.js'
import { nodeCrypto } from './node-crypto.js'
import { hasSuspendFlag } from './outcome.js'

const RESPONSE_OF: Readonly<Partial<Record<MessageType, MessageType>>> = {
  module_registration_request: 'module_registration_response',
  event_processing_request: 'event_processing_response',
  audience_subscription_request: 'audience_subscription_response',
  audience_membership_change_request: 'audience_membership_change_response',
  dsr_processing_request: 'dsr_processing_response',
}

/**
 * The response to a request: its type, the request's `id` when it is a UUID (so logs correlate;
 * otherwise a new random UUID, since mParticle's Java side reads only UUIDs), the time, the
 * protocol version, `suspend_subscription` where the type has it, and any extra fields; encoded
 * by the schema's encoder so it is exactly what mParticle expects.
 */
export const responseFor = (
  request: Pick<Message, 'type' | 'id'>,
  now: number,
  options: { readonly suspend?: boolean; readonly fields?: Readonly<Record<string, unknown>> } = {},
): Record<string, unknown> => {
  const type = RESPONSE_OF[request.type]
  if (type === undefined) throw new TypeError(`${request.type} has no response`)
  const response: Record<string, unknown> = {
    ...options.fields,
    type,
    id: isUuid(request.id) ? request.id : nodeCrypto().randomUUID(),
    timestamp_ms: now,
    firehose_version: FIREHOSE_VERSION,
  }
  if (hasSuspendFlag(request.type)) response.suspend_subscription = options.suspend === true
  return encodeMessage(response as unknown as Message)
}

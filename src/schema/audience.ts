import type * as t from 'io-ts'
import { array, itemArray, map, model, opt, req } from './codec.js'
import { AttributeAction, AudienceAction } from './enums.js'
import { DeviceIdentity, PartnerIdentity, UserIdentity } from './identities.js'
import { int32, requiredText, str } from './primitives.js'

/**
 * `key` and `action` are required by the spec but Java never enforced them (its own
 * example carries an empty `{}`): strict mode fails, lenient mode keeps the entry and reports it.
 * `value` is absent for tag-style attributes and when `list_value` is used.
 */
export const UserAttributeAudienceEvent = model('UserAttributeAudienceEvent', {
  key: opt(str, { strict: true }),
  value: opt(str),
  list_value: opt(array(str)),
  action: opt(AttributeAction, { strict: true }),
})
export type UserAttributeAudienceEvent = t.TypeOf<typeof UserAttributeAudienceEvent>

export const Audience = model('Audience', {
  audience_id: req(int32),
  audience_name: req(requiredText),
  audience_subscription_settings: opt(map(str)),
  action: req(AudienceAction),
  user_attributes: opt(array(UserAttributeAudienceEvent)),
})
export type Audience = t.TypeOf<typeof Audience>

export const UserProfile = model('UserProfile', {
  user_identities: opt(array(UserIdentity)),
  device_identities: opt(array(DeviceIdentity)),
  partner_identities: opt(array(PartnerIdentity)),
  audiences: opt(itemArray(Audience)),
  mpid: opt(str),
})
export type UserProfile = t.TypeOf<typeof UserProfile>

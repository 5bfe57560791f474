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
/** The protocol's `UserAttributeAudienceEvent`, as the codec of the same name decodes it. */
export interface UserAttributeAudienceEvent extends t.TypeOf<typeof UserAttributeAudienceEvent> {}

/** The io-ts codec of the protocol's `Audience`; the decoded type is the interface or type of the same name. */
export const Audience = model('Audience', {
  audience_id: req(int32),
  audience_name: req(requiredText),
  audience_subscription_settings: opt(map(str)),
  action: req(AudienceAction),
  user_attributes: opt(array(UserAttributeAudienceEvent)),
})
/** The protocol's `Audience`, as the codec of the same name decodes it. */
export interface Audience extends t.TypeOf<typeof Audience> {}

/** The io-ts codec of the protocol's `UserProfile`; the decoded type is the interface or type of the same name. */
export const UserProfile = model('UserProfile', {
  user_identities: opt(array(UserIdentity)),
  device_identities: opt(array(DeviceIdentity)),
  partner_identities: opt(array(PartnerIdentity)),
  audiences: opt(itemArray(Audience)),
  mpid: opt(str),
})
/** The protocol's `UserProfile`, as the codec of the same name decodes it. */
export interface UserProfile extends t.TypeOf<typeof UserProfile> {}

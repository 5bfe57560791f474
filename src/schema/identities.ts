import type * as t from 'io-ts'
import { model, nullable, map, req, opt } from './codec.js'
import { DeviceIdentityType, IdentityEncoding, UserIdentityType } from './enums.js'
import { int32, nonEmptyStr, str } from './primitives.js'

/** Every identity needs a known type, an encoding and a non-empty value. */
export const UserIdentity = model('UserIdentity', {
  type: req(UserIdentityType),
  encoding: req(IdentityEncoding),
  value: req(nonEmptyStr),
})
/** The protocol's `UserIdentity`, as the codec of the same name decodes it. */
export interface UserIdentity extends t.TypeOf<typeof UserIdentity> {}

/** The io-ts codec of the protocol's `DeviceIdentity`; the decoded type is the interface or type of the same name. */
export const DeviceIdentity = model('DeviceIdentity', {
  type: req(DeviceIdentityType),
  encoding: req(IdentityEncoding),
  value: req(nonEmptyStr),
})
/** The protocol's `DeviceIdentity`, as the codec of the same name decodes it. */
export interface DeviceIdentity extends t.TypeOf<typeof DeviceIdentity> {}

/** The type is the partner's own registered identity name (free-form, e.g. `partner_id`). */
export const PartnerIdentity = model('PartnerIdentity', {
  type: req(nonEmptyStr),
  encoding: req(IdentityEncoding),
  value: req(nonEmptyStr),
})
/** The protocol's `PartnerIdentity`, as the codec of the same name decodes it. */
export interface PartnerIdentity extends t.TypeOf<typeof PartnerIdentity> {}

/**
 * `account_settings` values are strings keyed by setting id (`"false"`, `"123"`); `null` is
 * kept. Lenient mode turns a number or boolean value into its text and reports it.
 */
export const Account = model('Account', {
  account_id: req(int32),
  account_settings: opt(map(nullable(str))),
})
/** The protocol's `Account`, as the codec of the same name decodes it. */
export interface Account extends t.TypeOf<typeof Account> {}

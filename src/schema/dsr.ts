import type * as t from 'io-ts'
import { model, req } from './codec.js'
import { OpenDsrEncoding } from './enums.js'
import { requiredText } from './primitives.js'

/** The identity's type is its key in `subject_identities`. */
export const OpenDsrIdentity = model('OpenDsrIdentity', {
  encoding: req(OpenDsrEncoding),
  value: req(requiredText),
})
/** The protocol's `OpenDsrIdentity`, as the codec of the same name decodes it. */
export interface OpenDsrIdentity extends t.TypeOf<typeof OpenDsrIdentity> {}

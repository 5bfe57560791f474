import type * as t from 'io-ts'
import { model, req } from './codec.js'
import { OpenDsrEncoding } from './enums.js'
import { requiredText } from './primitives.js'

/** The identity's type is its key in `subject_identities`. */
export const OpenDsrIdentity = model('OpenDsrIdentity', {
  encoding: req(OpenDsrEncoding),
  value: req(requiredText),
})
export type OpenDsrIdentity = t.TypeOf<typeof OpenDsrIdentity>

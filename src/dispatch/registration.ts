import type { DispatchResult } from '../core/outcome.js'
import type { LooseDefinition } from '../definition/definition.js'
import { registrationBody } from '../definition/registration.js'

/**
 * Registration requests are answered with the declared registration, computed on the first one and
 * kept: mParticle asks for it when the integration is set up, not on the cold start of a function
 * that processes events.
 */
export const registrationDispatcher = (definition: LooseDefinition): (() => DispatchResult) => {
  let result: DispatchResult | undefined
  return () => (result ??= { items: [], fields: registrationBody(definition.registration) })
}

import type { DispatchResult } from '../core/outcome.js'
import type { LooseDefinition } from '../definition/definition.js'
import { registrationBody } from '../definition/registration.js'

/** Registration requests are answered with the declared registration, computed once. */
export const registrationDispatcher = (definition: LooseDefinition): (() => DispatchResult) => {
  const result: DispatchResult = { items: [], fields: registrationBody(definition.registration) }
  return () => result
}

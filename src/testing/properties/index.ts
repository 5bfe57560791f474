import { noDoubleDelivery } from './no-double-delivery.js'
import { totality } from './totality.js'
import { verificationNeverReachesHandlers } from './verification.js'

export { totality, assertTotal, type TotalityOptions } from './totality.js'
export { verificationNeverReachesHandlers, assertVerificationNeverReachesHandlers, type VerificationOptions } from './verification.js'
export { noDoubleDelivery, assertNoDoubleDelivery, type NoDoubleDeliveryOptions, type DeliveryDeps, type HandlerFactory, type ReplayScenario } from './no-double-delivery.js'
export { PropertyViolation, type HandlerProperty, type PropertyOptions } from './property.js'
export { spyOn, type Spied, type UntypedFailure, type LambdaHandler, type AnyDefinition } from './subject.js'

/**
 * Ready-made properties for a partner's own handler. Each returns a {@link HandlerProperty}:
 *
 * ```ts
 * // vitest + fast-check
 * it('is total', () => properties.totality(handler, registration).assert())
 * // @fast-check/vitest
 * const total = properties.totality(handler, registration)
 * test.prop([total.arbitrary])('is total', total.check)
 * ```
 */
export const properties = {
  /** The handler answers every message with a valid response or a typed failure, never a throw. */
  totality,
  /** Verification requests are answered without reaching any partner function. */
  verificationNeverReachesHandlers,
  /** Replaying a batch after a partial failure sends no event twice. */
  noDoubleDelivery,
} as const

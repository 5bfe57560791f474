import type { RegistrationDeclaration } from '../../definition/registration.js'
import type { Message } from '../../schema/index.js'
import { DEFAULT_INVOKE_TIMEOUT_MS, invoke, type CapturingFetch } from '../invoke.js'
import { arbVerificationRequestFor } from '../registration-arbitraries.js'
import { describeMessage, makeProperty, responseTypeFor, violation, within, type HandlerProperty, type PropertyOptions } from './property.js'
import { buildHandler, isDefinition, registrationOf, spyOn, type AnyDefinition, type LambdaHandler } from './subject.js'

export interface VerificationOptions extends PropertyOptions {
  /** For a built handler: how many times partner code has run so far (e.g. a vi.fn()'s call count). */
  readonly reached?: () => number
  /** For a built handler: the recordingFetch its HTTP client uses; any call counts as partner code running. */
  readonly fetch?: CapturingFetch
}

/**
 * Verification requests never reach partner code: eventless batches without user data (every
 * eventless batch when the registration does not allow eventless batches) and membership requests
 * without `user_profiles` are answered with the normal empty response (matching type, id echoed,
 * no `suspend_subscription`), whatever the account settings, and no partner function runs.
 *
 * Pass the `firehose()` definition (every partner function is then watched), or a built handler
 * with `reached` and/or `fetch` to tell the property when partner code ran.
 */
export function verificationNeverReachesHandlers(handler: LambdaHandler, registration: RegistrationDeclaration, options: VerificationOptions): HandlerProperty<Message>
export function verificationNeverReachesHandlers(definition: AnyDefinition, options?: VerificationOptions): HandlerProperty<Message>
export function verificationNeverReachesHandlers(
  subject: LambdaHandler | AnyDefinition,
  second?: RegistrationDeclaration | VerificationOptions,
  third?: VerificationOptions,
): HandlerProperty<Message> {
  const name = 'verificationNeverReachesHandlers'
  const fromDefinition = isDefinition(subject)
  const options: VerificationOptions = (fromDefinition ? (second as VerificationOptions | undefined) : third) ?? {}
  const registration = registrationOf(subject, fromDefinition ? undefined : (second as RegistrationDeclaration), name)
  const spy = fromDefinition ? spyOn(subject) : undefined
  if (!spy && options.reached === undefined && options.fetch === undefined) {
    throw new TypeError(`${name}: with a built handler, pass options.reached (a call counter) or options.fetch (its recordingFetch) so partner code can be seen`)
  }
  const arbitrary = arbVerificationRequestFor(registration, options)
  if (arbitrary === undefined) throw new TypeError(`${name}: the registration declares neither events nor audiences, so it gets no verification requests`)
  const handler = spy ? buildHandler(spy.definition, options.firehose) : (subject as LambdaHandler)
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS
  const reachedSoFar = (): number => (spy ? spy.calls.length : 0) + (options.reached?.() ?? 0) + (options.fetch?.requests.length ?? 0)

  const check = async (message: Message): Promise<void> => {
    spy?.reset()
    const before = reachedSoFar()
    const what = `the verification request ${describeMessage(message)}`
    const result = await within(invoke(handler, message, { timeoutMs }), timeoutMs + 1000, `the handler given ${what}`)
    if (reachedSoFar() !== before) {
      violation(`${what} reached partner code${spy && spy.calls.length > 0 ? ` (${[...new Set(spy.calls)].join(', ')})` : ''}; it must be answered without calling any handler`)
    }
    if (!result.ok) violation(`${what} was rejected (${result.error.kind}: ${result.error.message}); it must get the normal empty response`)
    if (result.ok) {
      const response = result.response
      if (response.type !== responseTypeFor(message.type) || response.id !== message.id) violation(`${what} got a response of the wrong type or id`)
      if (response.suspend_subscription === true) violation(`${what} was answered with suspend_subscription: true`)
    }
  }
  return makeProperty(arbitrary, check, options)
}

/** `await assertVerificationNeverReachesHandlers(definition)` (or a handler, registration and `{ reached }`): the property through `fc.assert`. */
export function assertVerificationNeverReachesHandlers(handler: LambdaHandler, registration: RegistrationDeclaration, options: VerificationOptions): Promise<void>
export function assertVerificationNeverReachesHandlers(definition: AnyDefinition, options?: VerificationOptions): Promise<void>
export function assertVerificationNeverReachesHandlers(
  subject: LambdaHandler | AnyDefinition,
  second?: RegistrationDeclaration | VerificationOptions,
  third?: VerificationOptions,
): Promise<void> {
  return (verificationNeverReachesHandlers as (a: unknown, b: unknown, c: unknown) => HandlerProperty<Message>)(subject, second, third).assert()
}

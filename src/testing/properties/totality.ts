import { refusalsFor } from '../../core/outcome.js'
import { isFirehoseError } from '../../errors.js'
import type { RegistrationDeclaration } from '../../definition/registration.js'
import { decodeMessage, type Message } from '../../schema/index.js'
import { DEFAULT_INVOKE_TIMEOUT_MS, invoke } from '../invoke.js'
import { arbRequestFor } from '../registration-arbitraries.js'
import { describeMessage, makeProperty, responseTypeFor, violation, within, type HandlerProperty, type PropertyOptions } from './property.js'
import { buildHandler, describeUntyped, isDefinition, registrationOf, spyOn, type AnyDefinition, type LambdaHandler } from './subject.js'

export interface TotalityOptions extends PropertyOptions {
  /**
   * Accept partner code that throws something other than a FirehoseError (the runtime counts it as
   * retryable). Default false: a handler is total when every failure it has is a typed one.
   */
  readonly allowUntypedThrows?: boolean
}

const checkResponse = (message: Message, response: Record<string, unknown>): void => {
  const what = describeMessage(message)
  const decoded = decodeMessage(response, { mode: 'strict' })
  if (decoded._tag === 'Left') violation(`the response to ${what} is not a valid Firehose message in strict mode: ${decoded.left.message}`)
  const expected = responseTypeFor(message.type)
  if (response.type !== expected) violation(`${what} was answered with a ${String(response.type)}, expected ${expected}`)
  if (response.id !== message.id) violation(`the response to ${what} does not echo its id`)
}

/**
 * Totality: for every message the registration can receive, a direct invocation resolves to a valid
 * response envelope (strict decode, the matching type, the request's id echoed) or rejects with a
 * FirehoseError of a kind the outcome table (`refusalsFor` in src/core/outcome.ts) allows for that message (`retryable` for event batches
 * and membership changes; `retryable`, `permanent` or `suspend` for subscriptions and DSR) — never
 * with another value, never by hanging, and (unless `allowUntypedThrows`) never because partner
 * code threw something that is not a FirehoseError.
 *
 * Pass a built handler with its registration, or the `firehose()` definition (then the property
 * builds the handler and names the partner function that threw).
 */
export function totality(handler: LambdaHandler, registration: RegistrationDeclaration, options?: TotalityOptions): HandlerProperty<Message>
export function totality(definition: AnyDefinition, options?: TotalityOptions): HandlerProperty<Message>
export function totality(subject: LambdaHandler | AnyDefinition, second?: RegistrationDeclaration | TotalityOptions, third?: TotalityOptions): HandlerProperty<Message> {
  const fromDefinition = isDefinition(subject)
  const options: TotalityOptions = (fromDefinition ? (second as TotalityOptions | undefined) : third) ?? {}
  const registration = registrationOf(subject, fromDefinition ? undefined : (second as RegistrationDeclaration), 'totality')
  const spy = fromDefinition ? spyOn(subject) : undefined
  const handler = spy ? buildHandler(spy.definition, options.firehose) : (subject as LambdaHandler)
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS
  const arbitrary = arbRequestFor(registration, { invalidSettings: true, undeclaredEvents: true, invalidEvents: true, ...options })

  const check = async (message: Message): Promise<void> => {
    spy?.reset()
    const what = describeMessage(message)
    const result = await within(invoke(handler, message, { timeoutMs }), timeoutMs + 1000, `the handler given ${what}`)
    if (!options.allowUntypedThrows && spy && spy.untyped.length > 0) violation(`given ${what}: ${describeUntyped(spy.untyped[0])}`)
    if (result.ok) return checkResponse(message, result.response)
    const rejected = result.rejectedWith
    if (!isFirehoseError(rejected)) {
      return violation(`given ${what}, the handler rejected with ${rejected instanceof Error ? rejected.name : typeof rejected}, not a FirehoseError`)
    }
    const allowed: ReadonlyArray<string> = refusalsFor(message.type)
    if (!allowed.includes(rejected.kind)) {
      violation(`given ${what}, the handler rejected with a ${rejected.kind} FirehoseError; allowed: ${allowed.length === 0 ? 'none (it must resolve)' : allowed.join(', ')}`)
    }
    if (!options.allowUntypedThrows && rejected.untyped === true) {
      violation(`given ${what}, partner code failed with something that is not a FirehoseError (${rejected.message}); fail with retryable(...), permanent(...) or suspend(...)`)
    }
  }
  return makeProperty(arbitrary, check, options)
}

/** `await assertTotal(handler, registration)` or `await assertTotal(definition)`: totality through `fc.assert`. */
export function assertTotal(handler: LambdaHandler, registration: RegistrationDeclaration, options?: TotalityOptions): Promise<void>
export function assertTotal(definition: AnyDefinition, options?: TotalityOptions): Promise<void>
export function assertTotal(subject: LambdaHandler | AnyDefinition, second?: RegistrationDeclaration | TotalityOptions, third?: TotalityOptions): Promise<void> {
  return (totality as (a: unknown, b: unknown, c: unknown) => HandlerProperty<Message>)(subject, second, third).assert()
}

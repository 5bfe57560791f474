import fc from 'fast-check'
import {
  type Account,
  type AnyCodec,
  type Int64,
  type AudienceMembershipChangeRequest,
  type AudienceMembershipChangeResponse,
  type AudienceSubscriptionRequest,
  type AudienceSubscriptionResponse,
  type DsrProcessingRequest,
  type DsrProcessingResponse,
  type Event,
  type EventByType,
  type EventProcessingRequest,
  type EventProcessingResponse,
  type EventType,
  type Field,
  type Message,
  type ModuleRegistrationRequest,
  type ModuleRegistrationResponse,
  type RuntimeEnvironment,
  type Setting,
  type SystemNotification,
  type UserProfile,
  Account as AccountCodec,
  AudienceMembershipChangeRequest as AudienceMembershipChangeRequestCodec,
  AudienceMembershipChangeResponse as AudienceMembershipChangeResponseCodec,
  AudienceSubscriptionRequest as AudienceSubscriptionRequestCodec,
  AudienceSubscriptionResponse as AudienceSubscriptionResponseCodec,
  DsrProcessingRequest as DsrProcessingRequestCodec,
  DsrProcessingResponse as DsrProcessingResponseCodec,
  EVENT_CODECS,
  Event as EventCodec,
  EventProcessingRequest as EventProcessingRequestCodec,
  EventProcessingResponse as EventProcessingResponseCodec,
  Message as MessageCodec,
  ModuleRegistrationRequest as ModuleRegistrationRequestCodec,
  ModuleRegistrationResponse as ModuleRegistrationResponseCodec,
  RuntimeEnvironment as RuntimeEnvironmentCodec,
  Setting as SettingCodec,
  SystemNotification as SystemNotificationCodec,
  UserProfile as UserProfileCodec,
} from '../schema/index.js'

/**
 * fast-check arbitraries for every Firehose message and model, derived from the codecs' shapes so
 * they can never drift from the schema. Values are decoded-shaped, JSON-safe (no NaN, Infinity or
 * -0), valid in strict mode, and already in the encoder's normal form: optional strings, lists
 * and maps are absent or non-empty, always-written fields are present, `NON_DEFAULT` booleans are
 * absent or true. So for any generated `x`, `decode(encode(x))` deep-equals `x`.
 */

const MAX_DATE_MS = 253402300799999 // 9999-12-31T23:59:59.999Z

const text = (minLength: number): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: fc.string({ minLength, maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ minLength, maxLength: 8, unit: 'grapheme' }) })

const mapKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'a/b~c', '$City') },
)

const finite: fc.Arbitrary<number> = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x))

/** A Java long as an `Int64`: a number while safe, its exact decimal text beyond (edges included). */
const int64Arb: fc.Arbitrary<Int64> = fc.oneof(
  { weight: 3, arbitrary: fc.maxSafeInteger() },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n, -(2n ** 53n)))
      .map((n): Int64 => (Number.isSafeInteger(Number(n)) ? Number(n) : (n.toString() as `${bigint}`))),
  },
)

/** Epoch ms of a DSR `submitted_time`: mostly 1970-9999, sometimes anywhere a `Date` reaches. */
const instantArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: MAX_DATE_MS }) },
  { weight: 1, arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, -500, -62167219200000, -62167219200001, MAX_DATE_MS, MAX_DATE_MS + 1) },
)

const cache = new Map<AnyCodec, fc.Arbitrary<unknown>>()

/** `optional`: the value sits in an optional field, where the encoder omits empty strings/lists/maps. */
const arbOf = (codec: AnyCodec, optional: boolean): fc.Arbitrary<unknown> => {
  const shape = codec.shape
  switch (shape.kind) {
    case 'string':
      return text(shape.nonEmpty || optional ? 1 : 0)
    case 'integer':
      return shape.bits === 32 ? fc.integer() : int64Arb
    case 'number':
      return finite
    case 'boolean':
      return fc.boolean()
    case 'uuid':
      return fc.uuid()
    case 'boolOrString':
      return fc.oneof(fc.boolean(), text(0))
    case 'literal':
      return fc.constant(shape.value)
    case 'enum':
      return fc.constantFrom(...shape.values)
    case 'instant':
      return instantArb
    case 'nullable':
      return fc.option(arbOf(shape.of, false), { nil: null, freq: 4 })
    case 'array':
      return fc.array(arbOf(shape.of, false), { minLength: optional ? 1 : 0, maxLength: 3 })
    case 'map':
      return fc.dictionary(shape.keys === undefined ? mapKey : arbOf(shape.keys, false).map(String), arbOf(shape.of, false), {
        minKeys: optional ? 1 : 0,
        maxKeys: 3,
        noNullPrototype: true,
      })
    case 'model':
      return modelArb(codec, shape.fields)
    case 'union': {
      const members = [...new Set(shape.members.values())]
      return fc.oneof(...members.map((member) => arbOf(member, false)))
    }
  }
}

const modelArb = (codec: AnyCodec, fields: ReadonlyArray<Field>): fc.Arbitrary<unknown> => {
  const cached = cache.get(codec)
  if (cached !== undefined) return cached
  const record: Record<string, fc.Arbitrary<unknown>> = {}
  const requiredKeys: string[] = []
  for (const field of fields) {
    if (field.ifTrue) {
      record[field.key] = fc.constant(true)
      continue
    }
    const mustBePresent = field.required || field.strictRequired || field.always !== undefined
    record[field.key] = arbOf(field.codec, !field.required)
    if (mustBePresent) requiredKeys.push(field.key)
  }
  const arb = fc.record(record, { requiredKeys, noNullPrototype: true })
  cache.set(codec, arb)
  return arb
}

const derive = <A>(codec: AnyCodec): fc.Arbitrary<A> => arbOf(codec, false) as fc.Arbitrary<A>

export const arbModuleRegistrationRequest = derive<ModuleRegistrationRequest>(ModuleRegistrationRequestCodec)
export const arbModuleRegistrationResponse = derive<ModuleRegistrationResponse>(ModuleRegistrationResponseCodec)
export const arbEventProcessingRequest = derive<EventProcessingRequest>(EventProcessingRequestCodec)
export const arbEventProcessingResponse = derive<EventProcessingResponse>(EventProcessingResponseCodec)
export const arbAudienceSubscriptionRequest = derive<AudienceSubscriptionRequest>(AudienceSubscriptionRequestCodec)
export const arbAudienceSubscriptionResponse = derive<AudienceSubscriptionResponse>(AudienceSubscriptionResponseCodec)
export const arbAudienceMembershipChangeRequest = derive<AudienceMembershipChangeRequest>(AudienceMembershipChangeRequestCodec)
export const arbAudienceMembershipChangeResponse = derive<AudienceMembershipChangeResponse>(AudienceMembershipChangeResponseCodec)
export const arbDsrProcessingRequest = derive<DsrProcessingRequest>(DsrProcessingRequestCodec)
export const arbDsrProcessingResponse = derive<DsrProcessingResponse>(DsrProcessingResponseCodec)

/** Any of the 10 messages. */
export const arbMessage = derive<Message>(MessageCodec)

export const arbEvent = derive<Event>(EventCodec)
export const arbEventOfType = <T extends EventType>(type: T): fc.Arbitrary<EventByType[T]> => derive<EventByType[T]>(EVENT_CODECS[type])
export const arbRuntimeEnvironment = derive<RuntimeEnvironment>(RuntimeEnvironmentCodec)
export const arbSystemNotification = derive<SystemNotification>(SystemNotificationCodec)
export const arbUserProfile = derive<UserProfile>(UserProfileCodec)
export const arbSetting = derive<Setting>(SettingCodec)

/**
 * An account. With `settings`, `account_settings` holds exactly those keys, each from its own
 * arbitrary (e.g. `{ apiKey: fc.string({ minLength: 1 }), sandbox: fc.constantFrom('true', 'false') }`).
 */
export const arbAccount = (settings?: Record<string, fc.Arbitrary<string | null>>): fc.Arbitrary<Account> => {
  if (settings === undefined) return derive<Account>(AccountCodec)
  // an empty map is not written on the wire, so it would not come back
  if (Object.keys(settings).length === 0) return fc.record({ account_id: fc.integer({ min: 1, max: 2147483647 }) })
  return fc.record({
    account_id: fc.integer({ min: 1, max: 2147483647 }),
    account_settings: fc.record(settings, { noNullPrototype: true }),
  })
}

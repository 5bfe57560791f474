/**
 * The Firehose 3.2.0 wire protocol as io-ts codecs: every message, event, enum and field, with
 * `decodeMessage` (lenient or strict) and `encodeMessage`.
 * @module firehose-kit/schema
 */
export * from './enums.js'
export { Codec, isInvalid, type InvalidItem, type DecodeContext, type Shape, type Field, type AnyCodec } from './codec.js'
export { type Problem, problem, pointer, kindOf } from './problem.js'
export * from './primitives.js'
export * from './identities.js'
export * from './runtime.js'
export * from './events.js'
export * from './consent.js'
export * from './audience.js'
export * from './dsr.js'
export * from './registration.js'
export * from './messages.js'
export { decodeMessage, inexactProblem, type Decoded, type DecodeFailure, type DecodeMode, type DecodeOptions } from './decode.js'
export { encodeMessage } from './encode.js'
export { parseMessageText, stringifyMessage, INT64_KEYS } from './exact.js'

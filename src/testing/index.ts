/**
 * Builders for every message, `invoke()` as Lambda would, `recordingFetch()` in place of the
 * partner's API, fast-check arbitraries and the ready-made properties (`assertTotal`...).
 * @module firehose-kit/testing
 */
export * from './builders.js'
export { invoke, type InvokeOptions, type DirectResult, type HttpInvokeResult, type Effects, type CapturingLogger, type CapturingFetch } from './invoke.js'
export { httpEventFor, type HttpVia, type BuildHttpEventOptions } from './http-events.js'
export { recordingFetch, type RecordedRequest, type ScriptedAnswer, type Script } from './recording-fetch.js'
export * from './arbitraries.js'
export { arbSettingsFor, arbValidSettingText, arbInvalidSettingText, type SettingStrings, type SettingArbitraryOptions } from './setting-arbitraries.js'
export {
  arbRequestFor,
  arbEventBatchFor,
  arbDeclaredEvent,
  arbEventVerificationFor,
  arbMembershipFor,
  arbMembershipVerificationFor,
  arbSubscriptionFor,
  arbDsrFor,
  arbRegistrationRequestFor,
  arbVerificationRequestFor,
  declaredKinds,
  type RequestArbitraryOptions,
  type RequestKind,
} from './registration-arbitraries.js'
export * from './properties/index.js'
export { memoryLogger } from '../logger.js'
export { fakeLambdaContext, type FakeLambdaContextOptions } from '../transports/lambda-context.js'

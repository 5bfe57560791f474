export { firehose, type FirehoseOptions, type FirehoseHandler } from './runtime/firehose.js'
export { setting, decodeSettings, encodeSettings } from './runtime/settings.js'
export type { SettingDefinition, SettingKind, SettingValues, SettingsDeclaration, SettingsFailure, TextSettingOptions, NumberSettingOptions, BooleanSettingOptions } from './runtime/settings.js'
export { registrationBody } from './runtime/registration.js'
export type { RegistrationDeclaration, PermissionsDeclaration, EventsDeclaration, AudiencesDeclaration, DsrDeclaration, OAuth2Declaration, IdentityPermissionDeclaration } from './runtime/registration.js'
export type {
  FirehoseDefinition,
  HandlerResult,
  EventResults,
  EventBatch,
  BaseContext,
  EventContext,
  AudienceContext,
  SubscriptionContext,
  DsrContext,
  EventSettings,
  AudienceSettings,
  SubscriptionSettings,
  DsrSettings,
} from './runtime/definition.js'
export { groupByAudience, type AudienceGroup } from './runtime/audience-groups.js'
export { fold, type ItemOutcome, type ItemKind, type DispatchResult, type Folded } from './runtime/outcome.js'
export { DeclarationError } from './runtime/declaration.js'
export { FirehoseError, retryable, permanent, suspend, isFirehoseError, type FirehoseErrorKind } from './errors.js'
export { createLogger, memoryLogger, REDACTED, type Logger, type LoggerOptions, type LogLevel } from './logger.js'
export * from './delivery/index.js'
export { serve, type ServeOptions, type FirehoseServer } from './transports/serve.js'
export { tokensFromEnv } from './transports/tokens.js'
export { fakeLambdaContext } from './transports/lambda-context.js'
export {
  queueIngress,
  queueWorker,
  splitMessage,
  chunkId,
  DEFAULT_MAX_MESSAGE_BYTES,
  SQS_MESSAGE_LIMIT,
  ORIGINAL_ID_ATTRIBUTE,
  CHUNK_ATTRIBUTE,
  type QueueIngressOptions,
  type QueueWorkerOptions,
  type QueueWorkerHandler,
  type RecordOutcome,
  type QueuedMessage,
  type Split,
} from './transports/queue/index.js'

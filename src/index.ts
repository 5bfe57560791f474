/**
 * What a partner writes an integration with: `firehose()`, settings, outcomes, the HTTP client,
 * the logger and `serve()`. Queue mode, delivery internals, DynamoDB checkpoints, the schema, the
 * middlewares and the testing kit have their own subpaths (see package.json `exports`).
 * @module firehose-kit
 */
export { firehose, type FirehoseOptions, type FirehoseHandler, type DeadlineOptions, type TransportOptions } from './firehose.js'
export { setting } from './definition/settings.js'
export type {
  SettingDefinition,
  SettingKind,
  SettingValues,
  SettingsDeclaration,
  SettingsFailure,
  TextSettingOptions,
  NumberSettingOptions,
  BooleanSettingOptions,
} from './definition/settings.js'
export type {
  RegistrationDeclaration,
  PermissionsDeclaration,
  EventsDeclaration,
  AudiencesDeclaration,
  DsrDeclaration,
  OAuth2Declaration,
  IdentityPermissionDeclaration,
} from './definition/registration.js'
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
} from './definition/definition.js'
export type { AudienceGroup } from './definition/audience-groups.js'
export { DeclarationError } from './definition/declaration.js'
export { FirehoseError, retryable, permanent, suspend, isFirehoseError, type FirehoseErrorKind } from './errors.js'
export type { Outcome } from './core/outcome.js'
export { createLogger, adaptLogger, type Logger, type LoggerLike, type LoggerOptions, type LogLevel, type LogFields } from './logger.js'
export { createHttpClient, memoryStore } from './delivery/index.js'
export type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, Classifier, PartnerAnswer, CheckpointStore, MemoryStoreOptions } from './delivery/index.js'
export type { AuthOptions } from '../middlewares/auth.js'
export type { BatchOptions } from '../middlewares/batch.js'
export { serve, type ServeOptions, type FirehoseServer } from './transports/serve.js'
export { tokensFromEnv, tokensFrom, type TokensFromOptions } from './core/tokens.js'

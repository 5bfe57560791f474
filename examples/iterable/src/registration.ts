import { setting, type RegistrationDeclaration } from 'firehose-kit'

/** The version Iterable's Java integration registered (`IngressExtension`, 1.6.0). */
export const VERSION = '1.6.0'

const apiKey = setting.text({
  name: 'API Key',
  required: true,
  confidential: true,
  description: 'API key used to connect to the Iterable API - see the Integrations section of your Iterable account.',
})

const userIdField = setting.text({
  name: 'User ID',
  required: true,
  default: 'customerId',
  description: "Select which user identity to forward to Iterable as your customer's user ID (customerId or mpid).",
})

export const eventSettings = {
  apiKey,
  gcmIntegrationName: setting.text({ name: 'GCM Push Integration Name', description: 'GCM integration name set up in the Mobile Push section of your Iterable account.' }),
  apnsSandboxIntegrationName: setting.text({
    name: 'APNS Sandbox Integration Name',
    description: 'APNS Sandbox integration name set up in the Mobile Push section of your Iterable account.',
  }),
  apnsProdIntegrationName: setting.text({
    name: 'APNS Production Integration Name',
    description: 'APNS Production integration name set up in the Mobile Push section of your Iterable account.',
  }),
  coerceStringsToScalars: setting.boolean({
    name: 'Coerce Strings to Scalars',
    default: true,
    // Java's shouldCoerceStrings: a configuration that sends no value keeps sending strings, so
    // Iterable field types do not change under it.
    whenAbsent: false,
    description: 'If enabled, mParticle will attempt to coerce string attributes into scalar types (integer, boolean, and float).',
  }),
}

/** Connection settings arrive merged into `account.account_settings`. */
export const connectionSettings = { userIdField }

export const audienceSettings = { apiKey, userIdField }

export const subscriptionSettings = {
  listId: setting.integer({ name: 'List ID', required: true, description: 'The ID of the Iterable list to populate with the users from this segment.' }),
}

/** What `module_registration_response` says, declared once; the SDK writes the JSON. */
export const registration = {
  name: 'Iterable',
  version: VERSION,
  description:
    '<a href="https://www.iterable.com">Iterable</a> makes consumer growth marketing and user engagement simple. With Iterable, marketers send the right message, to the right device, at the right time.',
  permissions: {
    userIdentities: [
      { type: 'email', encoding: 'raw', required: false },
      { type: 'customer', encoding: 'raw', required: false },
    ],
    deviceIdentities: [
      { type: 'google_cloud_messaging_token', encoding: 'raw' },
      { type: 'apple_push_notification_token', encoding: 'raw' },
      { type: 'ios_vendor_id', encoding: 'raw' },
      { type: 'android_id', encoding: 'raw' },
      { type: 'google_advertising_id', encoding: 'raw' },
    ],
    allowDeviceApplicationStamp: true,
    allowUserAttributes: true,
    allowDeviceInfo: true,
    allowMpid: true,
    // A batch with user data and no events still syncs the user (U8); Java would have thrown on `events: null`.
    allowEventlessBatches: true,
  },
  events: {
    settings: eventSettings,
    connectionSettings,
    types: ['custom_event', 'push_subscription', 'push_message_receipt', 'push_message_open', 'user_identity_change', 'product_action'],
    runtimes: ['android', 'ios', 'mobileweb', 'unknown'],
    pushMessagingProviderId: 'itbl',
  },
  audiences: { settings: audienceSettings, subscriptionSettings },
} as const satisfies RegistrationDeclaration

export type IterableRegistration = typeof registration

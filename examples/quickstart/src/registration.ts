import { setting } from 'firehose-kit'

/** What the customer fills in when they connect Acme in mParticle. */
export const settings = {
  apiKey: setting.text({ name: 'API Key', description: 'Your Acme API key', required: true, confidential: true }),
  region: setting.text({ name: 'Region', description: 'Acme data region (us or eu)', default: 'us' }),
  sandbox: setting.boolean({ name: 'Sandbox', description: 'Send to the Acme sandbox instead of production', default: false }),
}

/** Acme's list id for a connected audience; set by this integration, so hidden from the customer. */
export const subscriptionSettings = {
  listId: setting.integer({ name: 'Acme list id', visible: false }),
}

/** What `firehose registration` prints and mParticle reviews. */
export const registration = {
  name: 'Acme',
  version: '1.0',
  description: 'Forwards custom events and screen views to Acme Analytics, keeps Acme lists in sync with audiences and erases users on request.',
  permissions: {
    userIdentities: [{ type: 'email' }, { type: 'customer' }],
    allowMpid: true,
  },
  events: { settings, types: ['custom_event', 'screen_view'] },
  audiences: { settings, subscriptionSettings },
  dsr: { settings, types: ['erasure'] },
} as const

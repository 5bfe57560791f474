/** A JSON Schema (draft 2020-12 subset that ajv accepts) for every response firehose-kit writes. */
const envelope = {
  // a UUID, as the codec's strict mode requires (so `""` is refused by both)
  id: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
  timestamp_ms: { type: 'integer' },
  firehose_version: { type: 'string' },
}
const stringMap = { type: 'object', additionalProperties: { type: 'string' } }
const settingList = {
  type: 'array',
  items: {
    type: 'object',
    required: ['type', 'id', 'name'],
    properties: { type: { enum: ['text', 'integer', 'float', 'boolean'] }, id: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } },
  },
}
const response = (type: string, extra: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  required: ['type', 'id', 'timestamp_ms', ...required],
  properties: { type: { const: type }, ...envelope, ...extra },
  additionalProperties: false,
})

export const responseSchema = {
  oneOf: [
    response('event_processing_response', { suspend_subscription: { type: 'boolean' } }),
    response('audience_membership_change_response', { suspend_subscription: { type: 'boolean' } }, ['suspend_subscription']),
    response('audience_subscription_response', { audience_subscription_settings: stringMap }),
    response('dsr_processing_response', {}),
    response(
      'module_registration_response',
      {
        sdk_version: { type: 'string' },
        name: { type: 'string', minLength: 1 },
        version: { type: 'string', minLength: 1 },
        description: { type: 'string', maxLength: 229 },
        permissions: { type: 'object' },
        event_processing_registration: {
          type: 'object',
          properties: { account_settings: settingList, event_connection_settings: settingList, max_data_age_hours: { type: 'integer' } },
          required: ['max_data_age_hours'],
        },
        audience_processing_registration: { type: 'object', properties: { account_settings: settingList, audience_subscription_settings: settingList } },
        dsr_processing_registration: { type: 'object', properties: { account_settings: settingList } },
      },
      ['name', 'version'],
    ),
  ],
} as const

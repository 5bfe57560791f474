import { Message } from './messages.js'

/**
 * The JSON value to send for a message, following the Java SDK's output rules: absent,
 * null and empty strings, lists and maps are omitted; the always-written fields are written with
 * their defaults (`firehose_version` "3.2.0", `sdk_version`, `max_data_age_hours` 24, setting
 * `visible` / `required` / `confidential`, boolean-setting `default_value` / `checked`, identity
 * permission `required`, membership-change `suspend_subscription`); `NON_DEFAULT` booleans
 * (`allow_*`, `is_debug`, event-response `suspend_subscription`) are written only when true.
 * Unlike Java, `null` user-attribute values (tag attributes) are kept. Unknown keys are not
 * written; an `InvalidItem` is written back as the raw value it holds. `submitted_time` is written
 * as an ISO-8601 string (Java's `seconds.nanos` outside years 0000-9999). Empty strings are never
 * written for fields Java writes `NON_EMPTY` (event `name`, `screen_name`, `token`, ...).
 *
 * int64 values beyond 2^53 stay exact decimal text here: write the result with
 * `stringifyMessage` (not `JSON.stringify`) to put them on the wire as bare numbers with the same
 * digits, as Java does.
 */
export const encodeMessage = (message: Message): Record<string, unknown> => Message.encode(message)

import { type Classifier, type HttpRequest } from 'firehose-kit'
import { classifyResponse, isErrorResult } from 'firehose-kit/delivery'
import type { CustomEvent, UserIdentity } from 'firehose-kit/schema'

/** Hosts that serve Slack incoming webhooks (commercial and GovSlack). Anything else is refused. */
export const SLACK_WEBHOOK_HOSTS: ReadonlySet<string> = new Set(['hooks.slack.com', 'hooks.slack-gov.com'])

/**
 * The webhook URL if it is a Slack incoming webhook (`https://hooks.slack.com/services/...`).
 * Checking the host keeps a mistyped (or malicious) setting from turning this integration into a
 * way to post event data to an arbitrary server.
 */
export const slackWebhook = (value: string): URL | undefined => {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return undefined
  }
  const plain = url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === ''
  return plain && SLACK_WEBHOOK_HOSTS.has(url.hostname) && url.pathname.startsWith('/services/') ? url : undefined
}

/** Slack's mrkdwn control characters; escaping them also stops event data from posting `<!channel>` or links. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const rawEmail = (identities: ReadonlyArray<UserIdentity> | undefined): string | undefined =>
  identities?.find((identity) => identity.type === 'email' && identity.encoding === 'raw')?.value

/** Who the message names: the user's email, else their mParticle id. */
export const userLabel = (user: { readonly user_identities?: ReadonlyArray<UserIdentity>; readonly mpid?: string }): string =>
  rawEmail(user.user_identities) ?? (user.mpid !== undefined ? `mpid ${user.mpid}` : 'an unknown user')

/**
 * The message text: `*<event name>* from <user>`, then one `• key: value` line per attribute, in
 * the order they came. A plain `text` payload, which every incoming webhook accepts and which is
 * also what notifications show.
 */
export const messageText = (event: CustomEvent, user: string): string =>
  [
    `*${escapeMrkdwn(event.name)}* from ${escapeMrkdwn(user)}`,
    ...Object.entries(event.attributes ?? {}).map(([key, value]) => `• ${escapeMrkdwn(key)}: ${escapeMrkdwn(value)}`),
  ].join('\n')

export const webhookRequest = (webhook: URL, text: string): HttpRequest => ({ method: 'POST', url: webhook.href, json: { text } })

/** Slack answers errors as a short plain-text code (`no_service`, `invalid_payload`); safe to show. */
const errorCode = (body: string | undefined): string | undefined => {
  const code = body?.trim()
  return code !== undefined && /^[a-z_]{1,64}$/.test(code) ? code : undefined
}

/**
 * Slack's answers, on top of the default rules:
 * - 403 `invalid_token` / `action_prohibited`, 404 `no_service` / `channel_not_found`, 410
 *   `channel_is_archived`: the webhook was revoked or its channel is gone. No retry can fix that;
 *   the customer must configure a new webhook, so the subscription is suspended.
 * - 400 `invalid_payload` / `no_text`: this message will never be accepted: permanent.
 * - 429 (with `Retry-After`) and 5xx: retryable, as by default.
 */
export const classifySlack: Classifier = (result) => {
  if (isErrorResult(result)) return classifyResponse(result)
  const code = errorCode(result.body)
  const outcome = result.status === 403 || result.status === 404 || result.status === 410 ? 'suspend' : classifyResponse(result)
  return code !== undefined && outcome !== 'delivered' ? { outcome, detail: code } : outcome
}

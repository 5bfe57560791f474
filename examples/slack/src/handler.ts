import * as E from 'fp-ts/lib/Either.js'
import {
  createHttpClient,
  firehose,
  setting,
  suspend,
  type EventContext,
  type FirehoseError,
  type FirehoseHandler,
  type FirehoseOptions,
  type HttpClientOptions,
  type HttpResponse,
  type Logger,
} from 'firehose-kit'
import type { CustomEvent } from 'firehose-kit/schema'
import { classifySlack, messageText, slackWebhook, userLabel, webhookRequest } from './slack.js'

export const settings = {
  webhookUrl: setting.text({
    name: 'Slack webhook URL',
    description: 'The incoming-webhook URL Slack gave you (https://hooks.slack.com/services/...)',
    required: true,
    confidential: true,
  }),
}

export const registration = {
  name: 'Slack',
  version: '1.0',
  description: 'Posts custom events to a Slack channel through an incoming webhook.',
  permissions: { userIdentities: [{ type: 'email' }], allowMpid: true },
  events: { settings, types: ['custom_event'] },
} as const

type Registration = typeof registration

export interface SlackOptions {
  /** The `fetch` the webhook client uses; tests pass `recordingFetch().fetch`. */
  readonly fetch?: HttpClientOptions['fetch']
  readonly http?: Pick<HttpClientOptions, 'retries' | 'backoff' | 'budgetMs' | 'timeoutMs' | 'random'>
  readonly logger?: Logger
  /** Who may call over HTTP; absent: the tokens in `FIREHOSE_TOKENS`. */
  readonly auth?: FirehoseOptions['auth']
}

const post = async (event: CustomEvent, ctx: EventContext<Registration>): Promise<E.Either<FirehoseError, HttpResponse>> => {
  const webhook = slackWebhook(ctx.settings.webhookUrl)
  if (webhook === undefined) return E.left(suspend('setting "webhookUrl" is not a Slack incoming-webhook URL (https://hooks.slack.com/services/...)'))
  // The whole URL is masked as a confidential setting; its path is the webhook's secret too, and
  // failure reasons name host and path, so mask the path on its own as well.
  const http = ctx.http.withContext({ secrets: [webhook.pathname] })
  return http.send(webhookRequest(webhook, messageText(event, userLabel(ctx.request))))
}

export const createHandler = (options: SlackOptions = {}): FirehoseHandler =>
  firehose(
    { registration, on: { custom_event: post } },
    {
      http: createHttpClient({ classify: classifySlack, ...options.http, ...(options.fetch ? { fetch: options.fetch } : {}) }),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.auth !== undefined ? { auth: options.auth } : {}),
    },
  )

export const handler = createHandler()

import { memoryLogger } from 'firehose-kit/testing'
import { recordingFetch, type Script } from 'firehose-kit/testing'
import { createHandler } from '../src/handler.js'

export const WEBHOOK_TOKEN = 'xK9fQ2mZ7vB4nL1pR8sT3wY6'
export const WEBHOOK_URL = `https://hooks.slack.com/services/T0001ABCD/B0002EFGH/${WEBHOOK_TOKEN}`
export const settings = { webhookUrl: WEBHOOK_URL }

/** Slack answers a good post with 200 and the text `ok`. */
export const ok = { status: 200, body: 'ok', headers: { 'content-type': 'text/html' } } as const

/** The Slack forwarder wired to a scripted Slack, a log to read, and retries that wait a millisecond. */
export const slack = (script: Script = () => ok) => {
  const api = recordingFetch(script)
  const logger = memoryLogger()
  const handler = createHandler({ fetch: api.fetch, logger, auth: { tokens: ['test-token'] }, http: { backoff: { baseMs: 1, maxMs: 2 }, budgetMs: 5_000 } })
  return { handler, api, logger }
}

/** Everything a test could have leaked the webhook through. */
export const leaks = (texts: ReadonlyArray<string>): boolean => texts.some((text) => text.includes(WEBHOOK_TOKEN) || text.includes('/services/T0001ABCD'))

import { memoryLogger } from 'firehose-kit/testing'
import { recordingFetch, type Script } from 'firehose-kit/testing'
import { createHandler } from '../src/handler.js'

export const API_KEY = 'acme-key-7f3a9c'
export const settings = { apiKey: API_KEY }

/** The quickstart wired to a scripted Acme API, a log to read, and retries that wait a millisecond. */
export const acme = (script: Script = []) => {
  const api = recordingFetch(script)
  const logger = memoryLogger()
  const handler = createHandler({
    fetch: api.fetch,
    logger,
    auth: { tokens: ['test-token'] },
    http: { backoff: { baseMs: 1, maxMs: 2 } },
  })
  return { handler, api, logger }
}

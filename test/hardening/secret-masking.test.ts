import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { createHttpClient, firehose, retryable, permanent, setting } from '../../src/index.js'
import { maskText, secretVariants } from '../../src/logger.js'
import { customEvent, eventBatch, httpEventFor, memoryLogger, recordingFetch } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'

/** A key with spaces, quotes and characters each encoder treats differently. */
const KEY = 'k3y with "quotes" |pipe^[x]{y}`z <a>+b&c=d é'
const TOKEN = 'transport-token-77aa'
const context = () => fakeLambdaContext({ timeoutMs: 30_000 })

/** Every encoding of a secret a line, an answer or a rejection might carry. */
const encodings = (secret: string): string[] => [
  secret,
  encodeURI(secret),
  encodeURIComponent(secret),
  new URLSearchParams({ k: secret }).toString().slice(2),
  new URL(`https://h.example/${secret}`).pathname.slice(1),
  JSON.stringify(secret).slice(1, -1),
  JSON.stringify(encodeURI(secret)).slice(1, -1),
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
]

const expectClean = (text: string, secrets: string[] = [KEY, TOKEN]): void => {
  for (const secret of secrets) for (const form of encodings(secret)) expect(text, `leaks ${JSON.stringify(form)}`).not.toContain(form)
}

const registration = {
  name: 'Masked',
  version: '1.0',
  events: { settings: { apiKey: setting.text({ name: 'API Key', required: true, confidential: true }) }, types: ['custom_event'] },
} as const

describe('finding 9: every encoding of a secret is masked in logs, answers and rejections', () => {
  it('secretVariants covers every encoding', () => {
    const variants = secretVariants(KEY)
    // JSON-escaped forms are added where text becomes JSON (the logger, the redactor).
    const unescaped = encodings(KEY).filter((form) => !form.includes('\\'))
    for (const form of unescaped) expect(variants, form).toContain(form)
    expect(maskText(`a ${JSON.stringify({ key: KEY })} b`, [KEY])).toBe('a {"key":"[redacted]"} b')
  })

  it('a key with spaces and quotes in a URL path is masked in the partner-call log line and the 429 reason', async () => {
    const logger = memoryLogger()
    const api = recordingFetch([{ status: 429 }, { status: 429 }, { status: 429 }])
    const http = createHttpClient({ fetch: api.fetch, retries: 0 })
    const handler = firehose(
      { registration, on: { custom_event: (event, ctx) => ctx.http.send({ url: `https://api.example/v1/${ctx.settings.apiKey}/track`, json: { id: event.id } }) } },
      { logger, http, auth: { tokens: [TOKEN] } },
    )
    const message = eventBatch({ settings: { apiKey: KEY }, events: [customEvent()] })
    const answer = (await handler(httpEventFor(message, 'http-api', { token: TOKEN }) as never, context())) as { statusCode: number; body: string }
    expect(answer.statusCode).toBe(429)
    expect(logger.lines.some((line) => line.includes('partner call failed'))).toBe(true)
    expectClean(answer.body)
    expectClean(logger.lines.join('\n'))
  })

  it('a handler reason quoting the key is masked in the HTTP answer', async () => {
    const logger = memoryLogger()
    for (const fail of [retryable, permanent]) {
      const handler = firehose(
        { registration, on: { custom_event: (_event, ctx) => E.left(fail(`quota for ${ctx.settings.apiKey} / ${encodeURI(ctx.settings.apiKey)} / ${TOKEN}`)) } },
        { logger, auth: { tokens: [TOKEN] } },
      )
      const message = eventBatch({ settings: { apiKey: KEY }, events: [customEvent()] })
      const answer = (await handler(httpEventFor(message, 'rest', { token: TOKEN }) as never, context())) as { statusCode: number; body: string }
      expectClean(answer.body)
      if (fail === retryable) expect(answer.body).toContain('quota for [redacted]')
    }
    expectClean(logger.lines.join('\n'))
  })

  it('a handler reason quoting the key is masked in the rejection of a direct invocation', async () => {
    const logger = memoryLogger()
    const handler = firehose({ registration, on: { custom_event: (_event, ctx) => E.left(retryable(`quota for ${ctx.settings.apiKey}`)) } }, { logger })
    const message = eventBatch({ settings: { apiKey: KEY }, events: [customEvent()] })
    const rejection = await handler(message, context()).then(
      () => undefined,
      (error: unknown) => error as Error,
    )
    expect(rejection).toBeInstanceOf(Error)
    expect(rejection!.message).toBe('quota for [redacted]')
    expectClean(String(rejection!.stack))
    expectClean(logger.lines.join('\n'))
  })
})

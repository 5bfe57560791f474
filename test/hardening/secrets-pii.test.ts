import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { createHttpClient, firehose, memoryStore, permanent, retryable, setting } from '../../src/index.js'
import { audienceMembership, customEvent, dsrRequest, eventBatch, httpEventFor, memoryLogger, recordingFetch, userProfile, type ScriptedAnswer } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { secretVariants } from '../../src/logger.js'

/** Known secrets and personal data, searched for in every log line, answer and rejection. */
const SECRETS = { token: 'pii-suite-token-81f3', apiKey: 'key with "quote" 55aa', confidential: 'conf-setting-9d0c', header: 'hdr-secret-77b1' }
const PII = { email: 'jane.roe+test@example.org', phone: '+1 (555) 010-4477', phone2: '+447700900123' }
const KNOWN = [...Object.values(SECRETS), ...Object.values(PII)]
const forms = (value: string): string[] => [...secretVariants(value), JSON.stringify(value).slice(1, -1)]

const settings = {
  apiKey: setting.text({ name: 'API Key', required: true, confidential: true }),
  region: setting.text({ name: 'Region', confidential: true }),
}
const registration = {
  name: 'PII',
  version: '1.0',
  permissions: {
    userIdentities: [
      { type: 'email', encoding: 'raw' },
      { type: 'mobile_number', encoding: 'raw' },
    ],
    allowUserAttributes: true,
  },
  events: { settings, types: ['custom_event'] },
  audiences: { settings },
  dsr: { settings, types: ['erasure'] },
} as const
const accountSettings = { apiKey: SECRETS.apiKey, region: SECRETS.confidential }

const captured: string[] = []

/** A handler that puts the user's email in the URL path and the phone in the body, as partner APIs do. */
const app = (script: ReadonlyArray<ScriptedAnswer>, reason?: (kind: 'permanent' | 'retryable') => string) => {
  const api = recordingFetch(script)
  const logger = memoryLogger()
  const http = createHttpClient({
    fetch: api.fetch,
    headers: { 'x-api-key': SECRETS.header },
    retries: 1,
    backoff: { baseMs: 1, maxMs: 1 },
    timeoutMs: 200,
    idempotencyHeader: 'Idempotency-Key',
  })
  const emailOf = (identities: ReadonlyArray<{ type: string; value?: string | null }> | undefined) => identities?.find((i) => i.type === 'email')?.value ?? 'none'
  const handler = firehose(
    {
      registration,
      on: {
        custom_event: (event, ctx) => {
          if (event.name === 'refuse') return E.left(permanent(reason?.('permanent') ?? 'refused'))
          if (event.name === 'later') return E.left(retryable(reason?.('retryable') ?? 'later'))
          return ctx.http.send({
            url: `https://api.example/users/${encodeURIComponent(emailOf(ctx.request.user_identities))}/track?key=${ctx.settings.apiKey}`,
            json: { phone: PII.phone, name: event.name },
          })
        },
      },
      onAudience: (request, ctx) =>
        ctx.http.send({
          url: `https://api.example/lists/${emailOf((request.user_profiles?.[0] as { user_identities?: ReadonlyArray<{ type: string; value?: string | null }> } | undefined)?.user_identities)}`,
          json: {},
        }),
      onDsr: (request) => E.left(permanent(`cannot erase ${request.subject_identities?.email?.value ?? ''}`)),
    },
    { logger, http, checkpoints: memoryStore(), auth: { tokens: [SECRETS.token] } },
  )
  return { handler, logger, api }
}

const identities = [
  { type: 'email', encoding: 'raw', value: PII.email },
  { type: 'mobile_number', encoding: 'raw', value: PII.phone2 },
]
const batch = (names: string[]) =>
  eventBatch({
    settings: accountSettings,
    user_identities: identities,
    user_attributes: { $Mobile: PII.phone, contact: PII.email },
    events: names.map((name) => customEvent({ name, attributes: { email: PII.email } })),
  } as never)

const describeResult = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v))

/** Runs one message direct and over HTTP, capturing every line, answer and rejection. */
const run = async (make: () => ReturnType<typeof app>, message: unknown, token = SECRETS.token): Promise<void> => {
  for (const via of ['direct', 'rest'] as const) {
    const { handler, logger } = make()
    const event = via === 'direct' ? message : httpEventFor(message, via, { token })
    const outcome = await handler(event as never, fakeLambdaContext({ timeoutMs: 10_000 })).then(
      (answer) => describeResult(answer),
      (error: unknown) => describeResult(error),
    )
    captured.push(outcome, ...logger.lines)
  }
}

describe('secrets and personal data never leave in a log line, an answer or a rejection', () => {
  const partnerFailures: Array<[string, ScriptedAnswer[]]> = [
    ['500 then 500', [{ status: 500, body: `echo ${PII.email}` }, { status: 500 }]],
    ['429', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 429 }]],
    ['400', [{ status: 400, json: { error: `bad phone ${PII.phone}` } }]],
    ['401', [{ status: 401 }]],
    ['reset', [{ networkError: 'reset' }, { networkError: 'reset' }]],
    ['timeout', [{ hang: true }, { hang: true }]],
    ['200', [{ status: 200 }]],
  ]
  for (const [name, script] of partnerFailures) {
    it(`partner answers ${name}`, async () => {
      await run(() => app(script), batch(['a', 'b']))
    })
  }

  it('handler reasons quoting secrets and personal data (permanent and retryable)', async () => {
    const reason = (kind: string) => `${kind}: ${PII.email} ${PII.phone} ${SECRETS.apiKey} ${SECRETS.confidential}`
    await run(() => app([], reason), batch(['refuse', 'x']))
    await run(() => app([], reason), batch(['later']))
  })

  it('undecodable messages and invalid events carrying personal data', async () => {
    await run(() => app([]), { type: 'event_processing_request', id: PII.email, timestamp_ms: PII.phone })
    await run(() => app([]), { ...batch([]), events: [{ event_type: 'custom_event', data: { event_name: { email: PII.email } }, id: 7 }] })
  })

  it('configuration errors (suspend) and a wrong token', async () => {
    await run(() => app([]), eventBatch({ settings: { region: SECRETS.confidential }, user_identities: identities, events: [customEvent()] } as never))
    await run(() => app([]), batch(['a']), `${SECRETS.token}-wrong`)
  })

  it('membership changes and DSRs', async () => {
    const membership = audienceMembership({ settings: accountSettings, profiles: [userProfile({ email: PII.email })] })
    await run(() => app([{ status: 500 }, { status: 500 }]), membership)
    await run(() => app([{ status: 400 }]), membership)
    await run(() => app([]), dsrRequest({ settings: accountSettings, subject_identities: { email: { encoding: 'raw', value: PII.email } } } as never))
  })

  it('none of the captured lines, answers and rejections carries a secret or personal data, in any encoding', () => {
    expect(captured.length).toBeGreaterThan(30)
    for (const value of KNOWN)
      for (const form of forms(value))
        expect(
          captured.filter((text) => text.includes(form)),
          form,
        ).toEqual([])
  })

  it('with logPersonalData the partner sees its own data in its logs (secrets stay masked)', async () => {
    const logger = memoryLogger()
    const handler = firehose(
      { registration, onDsr: (request) => E.left(permanent(`cannot erase ${request.subject_identities?.email?.value ?? ''} ${SECRETS.apiKey}`)) },
      { logger, logPersonalData: true },
    )
    const error = await handler(
      dsrRequest({ settings: accountSettings, subject_identities: { email: { encoding: 'raw', value: PII.email } } } as never),
      fakeLambdaContext({ timeoutMs: 10_000 }),
    ).catch((e: Error) => e)
    expect((error as Error).message).toBe(`cannot erase ${PII.email} [redacted]`)
  })
})

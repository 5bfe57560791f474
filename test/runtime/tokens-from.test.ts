import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { firehose, setting, tokensFrom } from '../../src/index.js'
import { memoryLogger } from '../../src/logger.js'
import { customEvent, eventBatch, invoke } from '../../src/testing/index.js'

const definition = {
  registration: { name: 'T', version: '1', events: { settings: { key: setting.text({ name: 'Key' }) }, types: ['custom_event'] } },
  on: { custom_event: () => E.right(undefined) },
} as const

const loader = (values: string[]) => {
  let calls = 0
  return {
    calls: () => calls,
    load: async () => values[Math.min(calls++, values.length - 1)]!,
  }
}

describe('tokensFrom', () => {
  it('loads the tokens on the first HTTP delivery and keeps them across invocations', async () => {
    const source = loader(['old-token, new-token'])
    const handler = firehose(definition, { auth: tokensFrom(source.load), logger: memoryLogger() })
    const message = () => eventBatch({ events: [customEvent()] })
    expect((await invoke(handler, message(), { via: 'function-url', token: 'new-token' })).status).toBe(200)
    expect((await invoke(handler, message(), { via: 'function-url', token: 'old-token' })).status).toBe(200)
    expect(source.calls()).toBe(1)
  })

  it('refuses a token it does not hold, reloading at most once per reloadOnMissMs', async () => {
    let time = 0
    const source = loader(['a-token', 'b-token'])
    const auth = tokensFrom(source.load, { clock: () => time, reloadOnMissMs: 1000, maxAgeMs: 60_000 })
    expect(await auth.verify('a-token')).toBe(true)
    expect(await auth.verify('b-token')).toBe(false) // too soon to reload
    time = 1000
    expect(await auth.verify('b-token')).toBe(true) // reloaded: rotated in without a redeploy
    expect(await auth.verify(undefined)).toBe(false)
    expect(source.calls()).toBe(2)
  })

  it('reloads after maxAgeMs', async () => {
    let time = 0
    const source = loader(['a-token'])
    const auth = tokensFrom(source.load, { clock: () => time, maxAgeMs: 5000 })
    await auth.verify('a-token')
    time = 4999
    await auth.verify('a-token')
    expect(source.calls()).toBe(1)
    time = 5000
    await auth.verify('a-token')
    expect(source.calls()).toBe(2)
  })

  it('makes the delivery retryable when the secret cannot be read, and tries again next time', async () => {
    let fail = true
    const auth = tokensFrom(async () => {
      if (fail) throw new Error('AccessDeniedException')
      return 'the-token'
    })
    const handler = firehose(definition, { auth, logger: memoryLogger() })
    expect((await invoke(handler, eventBatch({ events: [customEvent()] }), { via: 'function-url', token: 'the-token' })).status).toBe(429)
    fail = false
    expect((await invoke(handler, eventBatch({ events: [customEvent()] }), { via: 'function-url', token: 'the-token' })).status).toBe(200)
  })
})

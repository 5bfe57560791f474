import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/testing/index.js'
import { eventBatch, registrationRequest } from '../../src/testing/builders.js'
import { invoke } from '../../src/testing/invoke.js'

const registration = { name: 'A', version: '1', events: { types: ['custom_event'] } } as const
const make = (options: Parameters<typeof firehose>[1]) => {
  const calls: string[] = []
  const handler = firehose({ registration, on: { custom_event: () => (calls.push('called'), E.right(undefined)) } }, { logger: memoryLogger(), ...options })
  return { handler, calls }
}

describe('auth', () => {
  afterEach(() => {
    delete process.env.FIREHOSE_TOKENS
  })

  it('accepts a configured token and refuses a wrong or missing one before any handler runs', async () => {
    const { handler, calls } = make({ auth: { tokens: ['t-1'] } })
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 't-1' })).status).toBe(200)
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 't-2' })).status).toBe(401)
    expect((await invoke(handler, eventBatch(), { via: 'http-api' })).status).toBe(401)
    expect((await invoke(handler, eventBatch(), { via: 'http-api', headers: { authorization: 'Bearer t-1' } })).status).toBe(401)
    expect(calls).toEqual(['called'])
  })

  it('accepts any header case and the scheme in any case', async () => {
    const { handler } = make({ auth: { tokens: ['t-1'] } })
    expect((await invoke(handler, eventBatch(), { via: 'rest', headers: { AUTHORIZATION: 'token t-1' } })).status).toBe(200)
  })

  it('accepts both tokens during a rotation', async () => {
    const { handler } = make({ auth: { tokens: ['old', 'new'] } })
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 'old' })).status).toBe(200)
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 'new' })).status).toBe(200)
  })

  it('supports a custom verify function', async () => {
    const { handler } = make({ auth: { verify: (token) => token === 'from-vault' } })
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 'from-vault' })).status).toBe(200)
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 'nope' })).status).toBe(401)
  })

  it('leaves registration requests open', async () => {
    const { handler } = make({ auth: { tokens: ['t-1'] } })
    expect((await invoke(handler, registrationRequest(), { via: 'http-api' })).status).toBe(200)
  })

  it('lets direct invocations through (IAM guards them)', async () => {
    const { handler } = make({ auth: { tokens: ['t-1'] } })
    expect((await invoke(handler, eventBatch())).ok).toBe(true)
  })

  it('reads tokens from FIREHOSE_TOKENS when options.auth is absent, and fails closed without any', async () => {
    process.env.FIREHOSE_TOKENS = 'env-1, env-2'
    const { handler } = make({})
    expect((await invoke(handler, eventBatch(), { via: 'http-api', token: 'env-2' })).status).toBe(200)
    delete process.env.FIREHOSE_TOKENS
    const { handler: closed } = make({})
    expect((await invoke(closed, eventBatch(), { via: 'http-api', token: 'env-2' })).status).toBe(401)
  })
})

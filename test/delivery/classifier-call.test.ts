import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import { createHttpClient, type CallInfo } from '../../src/delivery/index.js'
import { recordingFetch } from '../../src/testing/recording-fetch.js'

it('a custom classifier sees which call it classifies (method, host, path; never the query)', async () => {
  const seen: CallInfo[] = []
  const api = recordingFetch(() => ({ status: 200, json: { code: 'BadParams' } }))
  const client = createHttpClient({
    fetch: api.fetch,
    baseUrl: 'https://api.example.com',
    retries: 0,
    classify: (result, call) => {
      seen.push(call)
      return call.path.startsWith('/lists/') || (result as { json?: { code?: string } }).json?.code === 'Success' ? 'delivered' : 'permanent'
    },
  })
  expect(E.isRight(await client.send({ url: '/lists/subscribe', query: { api_key: 'secret-key' }, json: {} }))).toBe(true)
  expect(E.isLeft(await client.send({ url: '/users/update', json: {} }))).toBe(true)
  expect(seen).toEqual([
    { method: 'POST', host: 'api.example.com', path: '/lists/subscribe' },
    { method: 'POST', host: 'api.example.com', path: '/users/update' },
  ])
})

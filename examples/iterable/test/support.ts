import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { type CheckpointStore } from 'firehose-kit'
import { memoryLogger } from 'firehose-kit/testing'
import { invoke, recordingFetch, type DirectResult, type RecordedRequest, type Script } from 'firehose-kit/testing'
import { createIterableHandler } from '../src/handler.js'

export const API_KEY = 'test-key'

/** A fixture from examples/iterable/fixtures, parsed fresh for every test. */
export const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

/** What Iterable sees of one call: method, path, the API key header and the JSON body. */
export interface WireCall {
  readonly method: string
  readonly path: string
  readonly apiKey: string | undefined
  readonly body: unknown
}

export const wire = (requests: ReadonlyArray<RecordedRequest>): WireCall[] => requests.map((r) => ({ method: r.method, path: r.path, apiKey: r.headers['api-key'], body: r.body }))

/** A POST with Iterable's auth, as every expected call is written. */
export const call = (path: string, body: unknown): WireCall => ({ method: 'POST', path, apiKey: API_KEY, body })

const hasNull = (value: unknown): boolean => value === null || (typeof value === 'object' && Object.values(value as object).some(hasNull))

/** Every call: host, auth header (never the query), User-Agent, JSON, no null anywhere in the body. */
export const expectWellFormed = (requests: ReadonlyArray<RecordedRequest>): void => {
  for (const r of requests) {
    expect(r.host).toBe('api.iterable.com')
    expect(r.url.startsWith('https://')).toBe(true)
    expect(r.headers['api-key']).toBe(API_KEY)
    expect(r.query).toEqual({})
    expect(r.headers['user-agent']).toBe('mparticle-lambda')
    expect(r.headers['content-type']).toMatch(/^application\/json/)
    expect(hasNull(r.body)).toBe(false)
  }
}

export interface RunOptions {
  readonly script?: Script
  readonly checkpoints?: CheckpointStore
  readonly timeoutMs?: number
  readonly lambdaTimeoutMs?: number
}

/** Invokes the exported handler as Lambda does (raw JSON in, JSON out) against a recorded Iterable. */
export const run = async (message: unknown, options: RunOptions = {}) => {
  const api = recordingFetch(options.script ?? (() => ({ status: 200, json: { msg: '', code: 'Success', params: {} } })))
  const logger = memoryLogger()
  // The exact bytes sent, beside recordingFetch's parsed view.
  const raw: string[] = []
  const fetch: typeof globalThis.fetch = (input, init) => {
    raw.push(typeof init?.body === 'string' ? init.body : '')
    return api.fetch(input, init)
  }
  const handler = createIterableHandler({
    fetch,
    logger,
    ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  })
  const result: DirectResult = await invoke(handler, JSON.parse(JSON.stringify(message)), { timeoutMs: options.lambdaTimeoutMs ?? 10_000 })
  expectWellFormed(api.requests)
  return { result, requests: api.requests, raw, calls: wire(api.requests), logger, api }
}

/** A UUID: what a response id is when the request's id is not one (as in several fixtures here). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The acknowledgement a message gets: its response type, the request id echoed when it is a UUID
 * (a fresh UUID otherwise, which is all mParticle's Java side reads), not suspended.
 */
export const expectAck = (result: DirectResult, type: string, id: string): void => {
  expect(result.ok).toBe(true)
  if (!result.ok) return
  expect(result.response).toMatchObject({ type, id: UUID.test(id) ? id : expect.stringMatching(UUID), timestamp_ms: expect.any(Number) })
  // event_processing_response carries the flag only when true; membership responses always carry it
  expect(result.response.suspend_subscription ?? false).toBe(false)
}

export const SUCCESS = { status: 200, json: { msg: '', code: 'Success', params: {} } } as const

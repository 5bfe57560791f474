import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from '../../src/schema/index.js'
import { root, runCli } from './support.js'

describe.concurrent('firehose registration on every example', () => {
  it.each([
    ['examples/quickstart/src/handler.ts', 'Acme'],
    ['examples/slack/src/handler.ts', 'Slack'],
    ['examples/iterable/src/handler.ts', 'Iterable'],
  ])('%s prints a registration that decodes with the strict codec', async (module, name) => {
    const result = await runCli(['registration', `${root}${module}`])
    expect(result.code, result.stderr).toBe(0)
    const response = JSON.parse(result.stdout)
    expect(E.isRight(decodeMessage(response, { mode: 'strict' }))).toBe(true)
    expect(response).toMatchObject({ type: 'module_registration_response', name: expect.stringContaining(name) })
  })
})

import { describe, expect, it } from 'vitest'
import type { Context } from 'aws-lambda'
import { createHandler as createQuickstart } from '../../examples/quickstart/src/handler.js'
import { createHandler as createSlack } from '../../examples/slack/src/handler.js'
import { createLogger } from '../../src/logger.js'
import { recordingFetch } from '../../src/testing/index.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { checkDecode, checkDirect, checkHttp, httpEvent } from './checks.js'
import { MAX_LINE, savedRegressions } from './support.js'

const TOKEN = 'fuzz-token-5e1f'
type Handler = (event: unknown, context: Context) => Promise<unknown>

/** Every input a fuzz run saved (test/fuzz/regressions/*.json), replayed through every check, with its log lines bounded. */
describe('fuzz regressions', () => {
  const saved = savedRegressions()
  it('has saved inputs to replay', () => expect(saved.length).toBeGreaterThan(0))
  for (const regression of saved) {
    it(`${regression.file}: ${regression.problem}`, async () => {
      const lines: string[] = []
      const logger = createLogger({ write: (line) => lines.push(line) })
      const builders = [createQuickstart, createSlack]
      for (const mode of ['lenient', 'strict'] as const) expect(checkDecode(regression.input, mode)).toBeUndefined()
      let text = ''
      try {
        text = JSON.stringify(regression.input) ?? ''
      } catch {
        // direct only
      }
      for (const build of builders) {
        const handler = build({ fetch: recordingFetch().fetch, logger, auth: { tokens: [TOKEN] } }) as Handler
        expect(await checkDirect(handler, regression.input, fakeLambdaContext({ timeoutMs: 30_000 }))).toBeUndefined()
        if (text !== '') expect(await checkHttp(handler, httpEvent(text, 'rest', TOKEN), fakeLambdaContext({ timeoutMs: 30_000 }))).toBeUndefined()
      }
      for (const line of lines) expect(line.length).toBeLessThan(MAX_LINE)
    })
  }
})

import { FirehoseError } from '../src/errors.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import { responseSchema } from './response-schema.js'

type Check = (response: unknown) => string | undefined
let loading: Promise<Check> | undefined

// Specifiers in variables keep bundlers (esbuild, `firehose bundle`) from inlining @middy/validator
// and ajv (about 250 KB) into every Lambda bundle: it is a development aid, installed where used.
const VALIDATOR = '@middy/validator'
const TRANSPILE = '@middy/validator/transpile'

/** @middy/validator (and ajv) are loaded on the first checked response, so production pays nothing. */
const loadCheck = (): Promise<Check> =>
  (loading ??= (async () => {
    const [{ default: validator }, { transpileSchema }] = (await Promise.all([import(VALIDATOR), import(TRANSPILE)])) as [
      typeof import('@middy/validator'),
      typeof import('@middy/validator/transpile'),
    ]
    const middleware = validator({ responseSchema: transpileSchema(responseSchema as object) })
    return (response: unknown) => {
      try {
        middleware.after?.({ response } as Parameters<NonNullable<typeof middleware.after>>[0])
        return undefined
      } catch (error) {
        const details = (error as { cause?: { data?: Array<{ instancePath?: string; message?: string }> } }).cause?.data ?? []
        return details.map((d) => `${d.instancePath || '/'} ${d.message ?? ''}`.trim()).join('; ') || 'response does not match the schema'
      }
    }
  })())

/**
 * Development aid: checks every response envelope against the protocol's JSON Schema with
 * @middy/validator. Use it between `errors` and the transport (firehose() does, with
 * `validateResponses: true`). An invalid response is a bug in the SDK or the handler: permanent.
 */
export const validateResponses = (): FirehoseMiddleware => ({
  name: 'validateResponses',
  after: async (request: FirehoseRequest) => {
    if (request.response === undefined || request.response === null || firehoseState(request).decoded === undefined) return
    const problem = (await loadCheck())(request.response)
    if (problem !== undefined) throw new FirehoseError('permanent', `response failed validation: ${problem}`)
  },
})

import type { MiddlewareObj } from '@middy/core'
import { decodeError } from '../src/errors.js'
import { createLogger, type Logger } from '../src/logger.js'
import { decodeMessage } from '../src/schema/index.js'
import { asPipeline } from '../src/runtime/pipeline-state.js'
import { stateOf } from '../src/runtime/state.js'

export interface DecodeOptions {
  /** `lenient` (default) tolerates and reports; `strict` enforces every required field. */
  readonly mode?: 'lenient' | 'strict'
  readonly logger?: Logger
}

/**
 * Decodes the message with its io-ts codecs. An undecodable message becomes a `decode` FirehoseError
 * listing the JSON paths; tolerated problems are logged with their paths, never their values.
 */
export const decode = (options: DecodeOptions = {}): MiddlewareObj => {
  const logger = options.logger ?? createLogger()
  const mode = options.mode ?? 'lenient'
  return {
    name: 'decode',
    before: (request) => {
      const state = asPipeline(stateOf(request))
      const result = decodeMessage(state.raw, { mode })
      if (result._tag === 'Left') throw decodeError(result.left.message, result.left.problems)
      const { message, problems } = result.right
      state.message = message
      state.problems = problems
      if (problems.length > 0) {
        logger.warn('tolerated problems in message', {
          messageId: message.id,
          type: message.type,
          problems: problems.slice(0, 50).map((p) => p.message),
          count: problems.length,
        })
      }
    },
  }
}

import { BOUNDS, clip, clipId } from '../src/core/bounds.js'
import { rejectUnknownOptions } from '../src/core/options.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest } from '../src/core/state.js'
import { decodeError } from '../src/errors.js'
import { createLogger, type Logger } from '../src/logger.js'
import { decodeMessage, type DecodeOptions } from '../src/schema/index.js'

export interface DecodeMiddlewareOptions extends DecodeOptions {
  readonly logger?: Logger
}

/**
 * Decodes the message with its io-ts codecs. An undecodable message becomes a `decode` FirehoseError
 * listing the JSON paths; tolerated problems are logged with their paths, never their values.
 */
export const decode = (options: DecodeMiddlewareOptions = {}): FirehoseMiddleware => {
  rejectUnknownOptions('decode()', options, ['mode', 'logger'])
  const logger = options.logger ?? createLogger()
  const mode = options.mode ?? 'lenient'
  const before = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    const result = decodeMessage(state.raw, { mode })
    if (result._tag === 'Left') throw decodeError(result.left.message, result.left.problems)
    const { message, problems } = result.right
    state.decoded = { message, problems }
    if (problems.length > 0) {
      logger.warn('tolerated problems in message', {
        messageId: clipId(message.id),
        type: message.type,
        problems: problems.slice(0, BOUNDS.problems).map((p) => clip(p.message)),
        count: problems.length,
        ...(problems.length > BOUNDS.problems ? { more: problems.length - BOUNDS.problems } : {}),
      })
    }
  }
  return { name: 'decode', before }
}

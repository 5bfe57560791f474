import * as E from 'fp-ts/lib/Either.js'
import { FAIL, isRecord, type DecodeContext } from './codec.js'
import { MESSAGE_TYPES, type MessageType } from './enums.js'
import { MESSAGE_CODECS, type Message } from './messages.js'
import { type Problem, problem } from './problem.js'

export type DecodeMode = 'lenient' | 'strict'
export interface DecodeOptions {
  /** `lenient` (default): only an unreadable envelope fails; everything else is reported. */
  readonly mode?: DecodeMode
}

export interface Decoded {
  readonly message: Message
  /**
   * What lenient mode tolerated: log these. In strict mode only the one problem that lists int64
   * values beyond 2^53 that arrived as (already rounded) JSON numbers, which both modes keep.
   */
  readonly problems: ReadonlyArray<Problem>
}

export interface DecodeFailure {
  /** One line for a person; never contains a value from the input. */
  readonly message: string
  readonly problems: ReadonlyArray<Problem>
}

const KNOWN_TYPES = new Set<string>(MESSAGE_TYPES)

const failure = (summary: string, problems: ReadonlyArray<Problem>): E.Either<DecodeFailure, Decoded> => E.left({ message: summary, problems })

const summarize = (type: MessageType, problems: ReadonlyArray<Problem>): string => {
  const first = problems[0]
  if (first === undefined) return `could not decode ${type}`
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
  return `could not decode ${type}: ${first.message}${more}`
}

/**
 * Decodes one Firehose message (the value `JSON.parse` gave). Never throws.
 *
 * Lenient mode (default) fails only when the value is not an object, its `type` is missing or
 * unknown, `id` is not a string, `timestamp_ms` is not a number, or an item container is of the
 * wrong kind (`events`, `system_notifications`, `user_profiles` not arrays; `account` not an
 * object). Anything else is tolerated and listed in `problems`: unknown fields are ignored (and
 * kept), bad events / notifications / profiles / audiences become `InvalidItem`s in place, and
 * below that the smallest bad unit is dropped: a list item, a map entry, an optional field (at any
 * depth). Strict mode fails on every problem, naming each path.
 *
 * int64 values beyond 2^53 that arrive as JSON numbers (already rounded: a direct Lambda
 * invocation, or text read with plain `JSON.parse` instead of `parseMessageText`) are kept as they
 * came in both modes, and one problem at the root names their paths.
 *
 * Valid parts of the input are returned as they are (not copied), so treat the result as
 * read-only; parts that needed changes are fresh objects.
 */
export const decodeMessage = (input: unknown, options: DecodeOptions = {}): E.Either<DecodeFailure, Decoded> => {
  try {
    return decode(input, options.mode === 'strict')
  } catch {
    // a hostile input (a throwing getter, a Proxy) must still get an answer, not an exception
    return failure('could not decode the message: it could not be read as plain JSON data', [problem('', 'JSON object', input)])
  }
}

const decode = (input: unknown, strict: boolean): E.Either<DecodeFailure, Decoded> => {
  if (!isRecord(input)) return failure('the message is not a JSON object', [problem('', 'JSON object', input)])
  const type = input.type
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    const p = problem('/type', 'a known message type', type)
    return failure(type === undefined ? 'the message has no "type"' : 'the message "type" is not a known message type', [p])
  }
  const codec = MESSAGE_CODECS[type as MessageType]
  if (codec.check(input)) return E.right({ message: input as unknown as Message, problems: [] })
  const ctx: DecodeContext = { strict, problems: [], inexact: [] }
  const decoded = codec.decodeAt(input, '', ctx)
  if (decoded === FAIL) return failure(summarize(type as MessageType, ctx.problems), ctx.problems)
  const problems = strict ? [] : ctx.problems
  return E.right({ message: decoded as Message, problems: ctx.inexact.length === 0 ? problems : [...problems, inexactProblem(ctx.inexact)] })
}

const MAX_LISTED = 20

/**
 * The one problem reported for a message whose int64 values beyond 2^53 came as JSON numbers: it
 * names their paths (never the values). They are kept as they came, in both modes.
 */
export const inexactProblem = (paths: ReadonlyArray<string>): Problem => {
  const listed = paths.slice(0, MAX_LISTED).join(', ')
  const more = paths.length > MAX_LISTED ? ` and ${paths.length - MAX_LISTED} more` : ''
  return {
    path: '',
    expected: '64-bit integers as exact text (parseMessageText)',
    actual: 'number',
    message:
      `/: ${paths.length} 64-bit integer${paths.length === 1 ? '' : 's'} beyond 2^53 arrived as JSON numbers, ` +
      `so they may have been rounded before firehose-kit saw them; kept as they came: ${listed}${more}. ` +
      'The HTTP, serve, queue and CLI transports read the text with parseMessageText and keep them exact.',
  }
}

import type { Event, Message } from '../schema/index.js'
import type { Logger } from '../logger.js'
import type { ItemOutcome } from './outcome.js'
import type { FirehoseState } from './state.js'

/** The typed slots firehose-kit's own middlewares fill in on the shared state. */
export interface PipelineState extends FirehoseState {
  message?: Message
  /** Set by `validate`: the request is a verification (keep-alive) request; no handler runs. */
  verification?: boolean
  /** Set by `validate`: decoded account settings for the message's kind. */
  settings?: Readonly<Record<string, unknown>>
  /** Set by `validate`: confidential setting values present in the message, to mask in logs. */
  secrets?: ReadonlyArray<string>
  /** Set by `validate`: events eligible for handlers (valid, declared, fresh). */
  events?: ReadonlyArray<Event>
  /** Outcomes decided before dispatch: skipped and undecodable items. */
  items?: ItemOutcome[]
  /** Set by `batch`: the chunks `onEvents` receives and the order `on` handlers run in. */
  chunks?: ReadonlyArray<ReadonlyArray<Event>>
  ordered?: ReadonlyArray<Event>
  concurrency?: number
  /** The logger for this message, with its id and the secrets to mask. */
  logger?: Logger
}

export const asPipeline = (state: FirehoseState): PipelineState => state as PipelineState

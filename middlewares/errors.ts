import { responseFor } from '../src/core/envelope.js'
import { rejectUnknownOptions } from '../src/core/options.js'
import { BOUNDS, clip, clipId, firstOf } from '../src/core/bounds.js'
import { personalData } from '../src/core/personal-data.js'
import { itemsToFold } from '../src/core/delivered-tail.js'
import { fold, hasSuspendFlag, OUTCOMES, type DispatchResult, type ItemOutcome, type MessageVerdict } from '../src/core/outcome.js'
import { fromThrown, type OnThrow } from '../src/core/results.js'
import { firehoseState, type FirehoseMiddleware, type FirehoseRequest, type FirehoseState } from '../src/core/state.js'
import { FirehoseError, isFirehoseError } from '../src/errors.js'
import { asLogger, maskText, type Logger, type LoggerLike } from '../src/logger.js'

/** Options of the `errors` middleware: where failures are logged, what a foreign throw counts as, the clock. */
export interface ErrorsOptions {
  readonly logger?: LoggerLike
  /** What a thrown value that is not a FirehoseError counts as. @default 'retryable' */
  readonly onThrow?: OnThrow
  /** Testing only: the clock of the response's `timestamp_ms`. */
  readonly now?: () => number
  /** Keep personal data found in the message in reasons and log lines (masked by default). */
  readonly logPersonalData?: boolean
}

/** What `fold` answers for items that are all delivered or skipped. */
const DELIVERED: MessageVerdict = { kind: 'delivered' }

/**
 * What must not show in this message's reasons and log lines: its confidential settings, the
 * transport token it came with and, unless `logPersonalData`, its personal data.
 */
const knownSecrets = (state: FirehoseState, withPersonalData: boolean): string[] => {
  const secrets = [...(state.admitted?.secrets ?? [])]
  if (withPersonalData) secrets.push(...personalData(state.raw))
  if (state.arrival.transport === 'http') {
    const authorization = state.arrival.headers.authorization
    if (authorization !== undefined) secrets.push(authorization, authorization.replace(/^\s*\S+\s+/, '').trim())
  }
  return secrets
}

/** The same failure with every form of every secret masked in its reason (a new error: the thrown one may be shared). */
const maskError = (error: FirehoseError, secrets: ReadonlyArray<string>): FirehoseError => {
  if (secrets.length === 0) return error
  const reason = maskText(error.message, secrets)
  if (reason === error.message) return error
  return new FirehoseError(error.kind, reason, { retryAfterMs: error.retryAfterMs, problems: error.problems, untyped: error.untyped })
}

const LINES = {
  permanent: { level: 'error', one: 'item failed for good', many: 'items failed for good' },
  skipped: { level: 'info', one: 'item skipped', many: 'items skipped' },
} as const

/**
 * Every item that failed for good (or was skipped) is logged: one line each while a kind and stage
 * has at most `BOUNDS.loggedItems` of them; above that, one line for the kind and stage with the
 * count, the first items with their reasons, how many more there are and the distinct reasons. A
 * message of 100,000 invalid events writes one line, not 100,000, and still accounts for all of them.
 */
export const logItems = (logger: Logger, items: ReadonlyArray<ItemOutcome>): void => {
  const groups = new Map<string, ItemOutcome[]>()
  for (const item of items) {
    if (item.kind !== 'permanent' && item.kind !== 'skipped') continue
    const key = `${item.kind}\u0000${item.stage}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  for (const group of groups.values()) {
    const { kind, stage } = group[0]!
    const line = LINES[kind as 'permanent' | 'skipped']
    if (group.length <= BOUNDS.loggedItems) {
      for (const item of group) logger[line.level](line.one, { item: clipId(item.item), stage: clipId(stage), reason: clip(item.reason ?? '') })
      continue
    }
    const { shown, more } = firstOf(group, BOUNDS.loggedItems)
    const reasons = new Set<string>()
    for (const item of group) {
      if (reasons.size >= BOUNDS.reasons) break
      reasons.add(clip(item.reason ?? ''))
    }
    logger[line.level](line.many, {
      stage: clipId(stage),
      count: group.length,
      items: shown.map((item) => ({ item: clipId(item.item), reason: clip(item.reason ?? '') })),
      more,
      reasons: [...reasons],
    })
  }
}

/**
 * Folds the per-item outcomes into one (the outcome table in `src/core/outcome.ts`), logs every
 * item that failed for good, and writes the response envelope; or throws the FirehoseError the
 * transport turns into a Lambda error or an HTTP status.
 */
export const errors = (options: ErrorsOptions = {}): FirehoseMiddleware => {
  rejectUnknownOptions('errors()', options, ['logger', 'onThrow', 'now', 'logPersonalData'])
  const baseLogger = asLogger(options.logger)
  const now = options.now ?? Date.now
  const onThrow = options.onThrow ?? 'retryable'
  const keepPersonalData = options.logPersonalData === true

  const after = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    const message = state.decoded?.message
    // Delivered items change neither the fold nor the log lines: a result may leave them unmade (see `itemsToFold`).
    const items = itemsToFold(request.response)
    if (message === undefined || items === undefined) return
    const result = request.response as DispatchResult
    const plain = state.admitted?.logger ?? baseLogger.child({ messageId: clipId(message.id), type: message.type })
    // One pass over the items finds what the rest needs (most messages: every item delivered, and
    // then nothing to log and nothing to fold).
    let reports = false
    let logged = false
    for (const item of items) {
      const kind = item.kind
      if (kind === 'delivered') continue
      if (kind !== 'skipped') reports = true
      if (kind === 'permanent' || kind === 'skipped') logged = true
    }
    // Personal data is looked for only when there is a failure to report.
    const logger = reports && !keepPersonalData ? plain.child({}, personalData(state.raw)) : plain
    if (logged) logItems(logger, items)
    const verdict = reports ? fold(items) : DELIVERED
    const answered = OUTCOMES[verdict.kind].answeredWithFlag
    if (verdict.kind === 'retryable') logger.warn('message will be retried', { reason: clip(verdict.reason ?? '') })
    if (verdict.kind === 'suspend') logger.error('subscription suspended', { reason: clip(verdict.reason ?? '') })
    if (verdict.kind === 'delivered' || (answered !== false && hasSuspendFlag(message.type))) {
      request.response = responseFor(message, now(), { suspend: answered !== false && answered.suspend, fields: result.fields })
      return
    }
    throw new FirehoseError(verdict.kind, verdict.reason ?? `${verdict.kind} failure`, { retryAfterMs: verdict.retryAfterMs, untyped: verdict.untyped })
  }

  const onError = (request: FirehoseRequest): void => {
    const state = firehoseState(request)
    // The reason goes into an HTTP answer or the rejection Lambda prints: a handler may have quoted a secret in it.
    const error = maskError(isFirehoseError(request.error) ? request.error : fromThrown(request.error, onThrow), knownSecrets(state, !keepPersonalData))
    request.error = error
    const message = state.decoded?.message
    const logger = state.admitted?.logger ?? baseLogger
    if (error.kind === 'suspend' && message !== undefined && hasSuspendFlag(message.type)) {
      logger.error('subscription suspended', { reason: error.message })
      request.response = responseFor(message, now(), { suspend: true })
      return
    }
    if (error.kind === 'decode') {
      const { shown, more } = firstOf(error.problems ?? [], BOUNDS.problems)
      logger.warn('message could not be decoded', { reason: clip(error.message), problems: shown.map((p) => clip(p.message)), ...(more > 0 ? { more } : {}) })
    } else if (error.kind === 'unauthorized') logger.warn('request refused', { reason: clip(error.message) })
  }

  return { name: 'errors', after, onError }
}

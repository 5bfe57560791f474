/** What became of one message, from the sender's side: the kinds mParticle acts on, plus transport failures. */
export const OUTCOME_KINDS = ['delivered', 'suspend', 'retryable', 'permanent', 'decode', 'unauthorized', 'too_large', 'unreachable'] as const
export type OutcomeKind = (typeof OUTCOME_KINDS)[number]

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const suspended = (response: unknown): boolean => isRecord(response) && response.suspend_subscription === true

/** A resolved direct invocation: delivered, unless the response asks mParticle to suspend the subscription. */
export const kindOfResponse = (response: unknown): OutcomeKind => (suspended(response) ? 'suspend' : 'delivered')

// The handler may come from another copy of firehose-kit than the CLI's (a project's node_modules),
// so FirehoseError is recognised by its shape, not with instanceof.
const ERROR_KINDS = new Set<string>(['retryable', 'permanent', 'suspend', 'decode', 'unauthorized', 'too_large'])

/** A rejected direct invocation: the FirehoseError's kind; anything else is a bug mParticle would retry. */
export const kindOfRejection = (error: unknown): { kind: OutcomeKind; reason: string } => {
  const candidate = error as { name?: unknown; kind?: unknown; message?: unknown } | null
  if (candidate?.name === 'FirehoseError' && typeof candidate.kind === 'string' && ERROR_KINDS.has(candidate.kind)) {
    return { kind: candidate.kind as OutcomeKind, reason: String(candidate.message) }
  }
  return { kind: 'retryable', reason: `the handler threw ${error instanceof Error ? error.name : typeof error} (mParticle retries)` }
}

/** An HTTP answer, read the way the transports write it (`errorAnswer` in src/core/http-answer.ts). */
export const kindOfHttpAnswer = (status: number, body: unknown): OutcomeKind => {
  if (status >= 200 && status < 300) return kindOfResponse(body)
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 413) return 'too_large'
  if (status === 429 || status === 408 || status >= 500) return 'retryable'
  const error = isRecord(body) ? body.error : undefined
  if (error === 'decode' || error === 'suspend' || error === 'permanent') return error
  return 'permanent'
}

export const reasonOf = (body: unknown): string | undefined => (isRecord(body) && typeof body.reason === 'string' ? body.reason : undefined)

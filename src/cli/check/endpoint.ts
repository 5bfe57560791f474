import { performance } from 'node:perf_hooks'
import type { OutcomeKind } from '../outcome.js'
import type { PartnerCall } from '../partner-calls.js'
import type { CliIo } from '../io.js'
import { createTarget, isUrl, type Target } from '../target.js'

/** Which `Authorization` a request carries: the token, none at all, or a wrong one. */
export type Credential = 'token' | 'none' | 'wrong'

/** One answer, as the checks read it. */
export interface Answer {
  readonly kind: OutcomeKind
  /** HTTP status (URL endpoints only). */
  readonly status?: number
  /** The response (module) or the parsed answer body (URL). */
  readonly response?: unknown
  readonly reason?: string
  /** Partner calls the integration made (module endpoints only). */
  readonly calls?: ReadonlyArray<PartnerCall>
  /** Measured with the endpoint's clock, from sending to the whole answer read. */
  readonly ms: number
}

export interface Endpoint {
  readonly via: 'http' | 'module'
  readonly label: string
  /** Partner calls are answered 200 {} by a stand-in instead of sent (module endpoints). */
  readonly mockedPartner: boolean
  /** Sends one message as text; never throws. `credential` matters for URLs only. */
  send(text: string, credential?: Credential): Promise<Answer>
}

/** Milliseconds, monotonic. Injected in tests so latency verdicts do not depend on how busy the machine is. */
export type Clock = () => number
export const systemClock: Clock = () => performance.now()

export interface EndpointOptions {
  readonly token: string
  readonly clock?: Clock
  /** Per request; an endpoint silent for longer counts as unreachable. Default 10 s. */
  readonly timeoutMs?: number
  /** Module endpoints: let the integration's partner calls go out (default: answered 200 {} by a stand-in). */
  readonly livePartner?: boolean
}

const round = (ms: number): number => Math.round(ms * 100) / 100

/** Wraps `firehose send`'s targets: a URL is POSTed to (one target per credential), a module is invoked directly. */
export const createEndpoint = async (to: string, options: EndpointOptions, io: CliIo): Promise<Endpoint> => {
  const clock = options.clock ?? systemClock
  const timeoutMs = options.timeoutMs ?? 10_000
  let targets: Record<Credential, Target>
  if (isUrl(to)) {
    const wrong = `${options.token}-not-the-token`
    targets = {
      token: await createTarget(to, io, { token: options.token, timeoutMs }),
      none: await createTarget(to, io, { timeoutMs }),
      wrong: await createTarget(to, io, { token: wrong, timeoutMs }),
    }
  } else {
    const target = await createTarget(to, io, { timeoutMs, quiet: true, mockPartner: options.livePartner !== true })
    targets = { token: target, none: target, wrong: target }
  }
  const via = targets.token.via
  return {
    via,
    label: targets.token.label,
    mockedPartner: via === 'module' && options.livePartner !== true,
    async send(text, credential = 'token') {
      const started = clock()
      const delivery = await targets[credential].deliver(text)
      const ms = round(clock() - started)
      const { latencyMs: _ignored, ...rest } = delivery
      return { ...rest, ms }
    },
  }
}

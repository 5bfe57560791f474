import * as E from 'fp-ts/lib/Either.js'
import { firehose } from '../src/firehose.js'
import { createLogger } from '../src/logger.js'
import { EVENT_TYPES } from '../src/schema/index.js'
import { fakeLambdaContext } from '../src/transports/lambda-context.js'
import type { BenchRow } from './decode.js'
import { sampleBatch } from './sample-events.js'
import { timeAsyncUs } from './timing.js'

/**
 * The whole firehose() pipeline (decode, settings, validation, dispatch to a no-op handler per
 * event, fold, envelope) for one direct invocation, text in and response text out, against
 * `JSON.parse` of the same text: the SDK's own cost per message.
 */
export const pipelineBench = async (sizes: ReadonlyArray<number> = [1, 100, 1000]): Promise<BenchRow[]> => {
  const noop = () => E.right(undefined)
  const handler = firehose(
    {
      registration: { name: 'Bench', version: '1', events: { types: EVENT_TYPES, pushMessagingProviderId: 'bench' } },
      on: Object.fromEntries(EVENT_TYPES.map((type) => [type, noop])),
    },
    { auth: false, logger: createLogger({ write: () => undefined, level: 'error' }) },
  )
  const rows: BenchRow[] = []
  for (const size of sizes) {
    const text = JSON.stringify(sampleBatch(size, EVENT_TYPES))
    // Lambda hands every invocation a fresh context; building a fake one per call is not the SDK's cost.
    const context = fakeLambdaContext({ timeoutMs: 60_000 })
    const once = async () => JSON.stringify(await handler(JSON.parse(text), { ...context }))
    const first = JSON.parse(await once()) as { type?: string }
    if (first.type !== 'event_processing_response') throw new Error('bench handler did not answer')
    const baselineUs = await timeAsyncUs(async () => JSON.parse(text))
    const subjectUs = await timeAsyncUs(once)
    rows.push({ name: `firehose() direct, ${size} event${size === 1 ? '' : 's'}`, bytes: text.length, baselineUs, subjectUs, ratio: subjectUs / baselineUs })
  }
  return rows
}

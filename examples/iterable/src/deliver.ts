import * as E from 'fp-ts/lib/Either.js'
import type { FirehoseError, HttpClient, Logger } from 'firehose-kit'
import { isNoCall, type Mapping } from './events/mapping.js'
import { post } from './iterable-client.js'

export interface CallContext {
  readonly http: HttpClient
  readonly logger: Logger
}

/**
 * Sends what a mapper made of an event. A failed call comes back as the client classified it
 * (retryable stops the batch; permanent is logged by the SDK with the event id and the batch
 * goes on); a reason for no call is logged at info level.
 */
export const deliver = async (ctx: CallContext, apiKey: string, item: string, mapped: Mapping): Promise<E.Either<FirehoseError, unknown>> => {
  if (E.isLeft(mapped)) return mapped
  if (isNoCall(mapped.right)) {
    ctx.logger.info('no Iterable call', { item, reason: mapped.right.noCall })
    return E.right(undefined)
  }
  const result = await post(ctx.http, apiKey, mapped.right.path, mapped.right.body)
  return E.isLeft(result) ? result : E.right(undefined)
}

import { randomBytes, randomUUID } from 'node:crypto'
import type { LambdaContext as Context } from '../core/lambda.js'

/** The fake Lambda context's deadline, names and clock. */
export interface FakeLambdaContextOptions {
  /** The invocation's time budget; `getRemainingTimeInMillis` counts down from it. Default 3000, Lambda's default timeout. */
  readonly timeoutMs?: number
  readonly functionName?: string
  readonly awsRequestId?: string
  readonly memoryLimitInMB?: number
  readonly region?: string
  /** The clock, for tests. */
  readonly now?: () => number
}

const day = (date: Date): string => `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}`

/**
 * The log stream's random part, once per process: Lambda names one stream per container, not per
 * invocation, and `serve()` makes a context per request (16 random bytes each cost more than the
 * rest of the context).
 */
let streamId: string | undefined
const streamIdOf = (): string => (streamId ??= randomBytes(16).toString('hex'))

/**
 * A Lambda `Context` as AWS hands it to a function, for running a handler outside Lambda (`serve()`,
 * tests, the testing kit). The deadline starts when the context is made.
 */
export const fakeLambdaContext = (options: FakeLambdaContextOptions = {}): Context => {
  const now = options.now ?? Date.now
  const functionName = options.functionName ?? 'firehose-local'
  const region = options.region ?? 'us-east-1'
  const deadline = now() + (options.timeoutMs ?? 3000)
  const unsupported = (name: string) => (): never => {
    throw new Error(`context.${name}() is the legacy callback API; return or resolve instead`)
  }
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day(new Date(now()))}/[$LATEST]${streamIdOf()}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  }
}

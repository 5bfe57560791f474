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

const DAY_MS = 86_400_000

const day = (date: Date): string => `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}`

/**
 * The log stream's random part, once per process: Lambda names one stream per container, not per
 * invocation, and `serve()` makes a context per request (16 random bytes each cost more than the
 * rest of the context).
 */
let streamId: string | undefined
const streamIdOf = (): string => (streamId ??= randomBytes(16).toString('hex'))

const unsupported = (name: string) => (): never => {
  throw new Error(`context.${name}() is the legacy callback API; return or resolve instead`)
}
const done = unsupported('done')
const fail = unsupported('fail')
const succeed = unsupported('succeed')

/**
 * Makes fake Lambda contexts that share their options: what does not change between invocations
 * (names, ARN, the day's log stream) is built once, so `serve()` pays only for the deadline per
 * request. Each context's deadline starts when it is made.
 */
export const fakeLambdaContexts = (options: FakeLambdaContextOptions = {}): (() => Context) => {
  const now = options.now ?? Date.now
  const functionName = options.functionName ?? 'firehose-local'
  const region = options.region ?? 'us-east-1'
  const timeoutMs = options.timeoutMs ?? 3000
  const invokedFunctionArn = `arn:aws:lambda:${region}:123456789012:function:${functionName}`
  const logGroupName = `/aws/lambda/${functionName}`
  const memoryLimitInMB = String(options.memoryLimitInMB ?? 1024)
  const givenRequestId = options.awsRequestId
  // The stream is named after the day the context was made in: rebuilt only when the day changes.
  let streamDay = Number.NaN
  let logStreamName = ''
  return () => {
    const start = now()
    const deadline = start + timeoutMs
    const today = Math.floor(start / DAY_MS)
    if (today !== streamDay) {
      streamDay = today
      logStreamName = `${day(new Date(start))}/[$LATEST]${streamIdOf()}`
    }
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn,
      memoryLimitInMB,
      awsRequestId: givenRequestId ?? randomUUID(),
      logGroupName,
      logStreamName,
      getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
      done,
      fail,
      succeed,
    }
  }
}

/**
 * A Lambda `Context` as AWS hands it to a function, for running a handler outside Lambda (`serve()`,
 * tests, the testing kit). The deadline starts when the context is made.
 */
export const fakeLambdaContext = (options: FakeLambdaContextOptions = {}): Context => fakeLambdaContexts(options)()

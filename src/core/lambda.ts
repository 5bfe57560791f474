/**
 * The few AWS Lambda shapes firehose-kit's public types need, declared here so that a project
 * compiles its types without `@types/aws-lambda` (or `skipLibCheck`). They are structural subsets
 * of `aws-lambda`'s: its `Context` is a {@link LambdaContext}, a firehose-kit handler is an
 * `APIGatewayProxyHandlerV2` and a `LambdaFunctionURLHandler` (test/types checks both).
 * @module
 */

/** The Lambda context, as much of `aws-lambda`'s `Context` as firehose-kit reads or fakes. */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean
  functionName: string
  functionVersion: string
  invokedFunctionArn: string
  memoryLimitInMB: string
  awsRequestId: string
  logGroupName: string
  logStreamName: string
  /** Milliseconds left before Lambda stops the invocation. */
  getRemainingTimeInMillis(): number
  /** The legacy callback API (deprecated by AWS): return or resolve instead. */
  done(error?: Error, result?: any): void
  /** The legacy callback API (deprecated by AWS): return or resolve instead. */
  fail(error: Error | string): void
  /** The legacy callback API (deprecated by AWS): return or resolve instead. */
  succeed(messageOrObject: any): void
}

/** An HTTP event as API Gateway (REST or HTTP API) and function URLs deliver it, as far as firehose-kit reads it. */
export interface LambdaHttpEvent {
  readonly headers?: { readonly [name: string]: string | undefined } | null
  readonly body?: string | null
  readonly isBase64Encoded?: boolean
}

/** What a handler answers to an HTTP event: API Gateway's and function URLs' structured result. */
export interface LambdaHttpResult {
  readonly statusCode: number
  readonly headers?: { readonly [name: string]: string }
  readonly body?: string
  readonly isBase64Encoded?: boolean
}

/** One record of an SQS event (`aws-lambda`'s `SQSRecord`, the fields queue mode reads). */
export interface SqsRecord {
  readonly messageId: string
  readonly receiptHandle?: string
  readonly body: string
  readonly attributes?: { readonly ApproximateReceiveCount?: string }
  readonly messageAttributes?: { readonly [name: string]: { readonly stringValue?: string } | undefined }
  readonly eventSourceARN?: string
}

/** An SQS event, as an event source mapping hands it to a worker. */
export interface SqsEvent {
  readonly Records: ReadonlyArray<SqsRecord>
}

/** A worker's answer with `ReportBatchItemFailures`: the records to deliver again. */
export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>
}

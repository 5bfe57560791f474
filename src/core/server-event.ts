/**
 * The event `serve()` hands the handler for one HTTP request. It is firehose-kit's own shape (the
 * `httpShape: 'server'` marker tells it apart from API Gateway events), so the same handler runs
 * behind Lambda and behind `node:http`.
 */
export interface ServerEvent {
  readonly httpShape: 'server'
  readonly method: string
  readonly path: string
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>
  /** The body as UTF-8 text. */
  readonly body: string
}

/** What the handler answers an HTTP event with: the API Gateway / function URL result shape. */
export interface HttpAnswer {
  readonly statusCode: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  readonly isBase64Encoded?: boolean
}

export const isHttpAnswer = (value: unknown): value is HttpAnswer =>
  typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number'

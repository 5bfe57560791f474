import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LambdaContext as Context } from '../core/lambda.js'
import { asLogger, type LoggerLike } from '../logger.js'
import { retryable } from '../errors.js'
import { DEFAULTS } from '../core/defaults.js'
import { errorAnswer, jsonAnswer, type HttpAnswerOptions } from '../core/http-answer.js'
import { tooLarge } from '../core/http-body.js'
import { rejectUnknownOptions } from '../core/options.js'
import { isHttpAnswer, type HttpAnswer, type ServerEvent } from '../core/server-event.js'
import { deadlineQueue } from './deadline-queue.js'
import { fakeLambdaContexts } from './lambda-context.js'
import { readBody } from './read-body.js'

/** A handler as `firehose()` returns it: it takes `serve()`'s event and answers with an HTTP result. */
export type ServerHandler = (event: ServerEvent, context: Context) => unknown

/** Where `serve()` listens, its limits and logger. */
export interface ServeOptions {
  /** Default: the `PORT` environment variable, else 8080. `0` picks a free port. */
  readonly port?: number
  /** Default `127.0.0.1`; use `0.0.0.0` in a container. */
  readonly host?: string
  /** Bodies over this many bytes are answered 413 while still streaming, never buffered. Default 6 MB. */
  readonly maxBodyBytes?: number
  /** Request headers over this many bytes are answered 431. Default 16 KiB (Node's own). */
  readonly maxHeaderBytes?: number
  /** `GET`/`HEAD` here answers 200 (503 while shutting down). Default `/health`. */
  readonly healthPath?: string
  /** The handler's budget per request (its `context.getRemainingTimeInMillis()`); past it the server answers retryable itself. Default 10 s. */
  readonly handlerTimeoutMs?: number
  /** Time to receive a whole request; a slower client gets 408. Default 30 s. */
  readonly requestTimeoutMs?: number
  /** Time to receive the request headers. Default 10 s. */
  readonly headersTimeoutMs?: number
  /** How long an idle keep-alive connection stays open. Default 5 s. */
  readonly keepAliveTimeoutMs?: number
  /** On shutdown, connections still busy after this long are cut. Default 10 s. */
  readonly shutdownTimeoutMs?: number
  /** Shut down gracefully on SIGTERM and SIGINT. Default true. */
  readonly shutdownOnSignals?: boolean
  /** Status for the server's own retryable answers (handler timeout, a handler bug). Default 429. */
  readonly retryStatus?: number
  /** The `functionName` of the fake Lambda context. */
  readonly functionName?: string
  readonly logger?: LoggerLike
}

/** A running server: its URL and port, and `close()`. */
export interface FirehoseServer {
  readonly url: string
  readonly port: number
  readonly server: Server
  /**
   * Shuts down: while requests are in flight the server still accepts connections, answering
   * `/health` 503 and new messages retryable (so a load balancer and mParticle move on); once the
   * last one finished (or `shutdownTimeoutMs` passed) it stops listening and closes every connection.
   */
  close(): Promise<void>
}

const portFrom = (option: number | undefined): number => {
  const port = option ?? (process.env.PORT ? Number(process.env.PORT) : 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`serve(): port must be an integer from 0 to 65535, got ${String(option ?? process.env.PORT)}`)
  return port
}

/** Node's headers (names lower-cased already) in a null-prototype record, repeated ones joined with `, `. */
const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers = Object.create(null) as Record<string, string>
  const given = request.headers
  for (const name in given) {
    const value = given[name]
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/**
 * Serves a Firehose handler over `node:http`, for containers, VMs and local development.
 *
 * Routes: every `POST` is a Firehose message whatever its path (so the registration, event and
 * audience URLs registered with mParticle may differ or be one; the message's `type` decides), and
 * `GET`/`HEAD` on the health path is the health check. Anything else is answered 405.
 */
const KNOWN_OPTIONS = [
  'port',
  'host',
  'maxBodyBytes',
  'healthPath',
  'maxHeaderBytes',
  'handlerTimeoutMs',
  'requestTimeoutMs',
  'headersTimeoutMs',
  'keepAliveTimeoutMs',
  'shutdownTimeoutMs',
  'shutdownOnSignals',
  'retryStatus',
  'functionName',
  'logger',
]

/** Serves a handler over `node:http`: every POST is a Firehose message, `GET /health` answers; SIGTERM drains. */
export const serve = async (handler: ServerHandler, options: ServeOptions = {}): Promise<FirehoseServer> => {
  rejectUnknownOptions('serve()', options, KNOWN_OPTIONS)
  const port = portFrom(options.port)
  const host = options.host ?? '127.0.0.1'
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes
  const healthPath = options.healthPath ?? '/health'
  const handlerTimeoutMs = options.handlerTimeoutMs ?? 10_000
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000
  const headersTimeoutMs = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeoutMs)
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000
  const answerOptions: HttpAnswerOptions = { retryStatus: options.retryStatus ?? DEFAULTS.retryStatus, defaultRetryAfterSeconds: DEFAULTS.retryAfterSeconds }
  const logger = asLogger(options.logger)
  let closing = false
  /** Messages being handled: shutdown keeps listening (answering 503 on /health) until they are done. */
  let inFlight = 0
  let stopListening: () => void = () => undefined

  const closeIdleSoon = (): void => {
    setImmediate(() => server.closeIdleConnections())
  }

  const send = (res: ServerResponse, result: HttpAnswer): void => {
    if (res.destroyed || res.writableEnded) return
    const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body
    const headers: Record<string, string | number> = { ...result.headers, 'content-length': Buffer.byteLength(body) }
    if (closing) {
      headers.connection = 'close'
      // Once closing, a connection that just answered is idle: close it, and any other idle one, at once.
      res.once('finish', closeIdleSoon)
    }
    res.writeHead(result.statusCode, headers)
    res.end(body)
  }

  /** Answers 413 and closes the connection; the rest of an oversized body is read and dropped, not kept. */
  const refuseTooLarge = (req: IncomingMessage, res: ServerResponse): void => {
    res.shouldKeepAlive = false
    send(res, errorAnswer(tooLarge(maxBodyBytes)))
    req.resume()
  }

  const newContext = fakeLambdaContexts({ timeoutMs: handlerTimeoutMs, functionName: options.functionName ?? 'firehose-serve' })
  const deadlines = deadlineQueue(handlerTimeoutMs)
  const answerOf = (result: unknown): HttpAnswer => {
    if (isHttpAnswer(result)) return result
    logger.error('the handler did not return an HTTP result; is httpEvent() in its pipeline?')
    return errorAnswer(undefined, answerOptions)
  }

  /** The handler's answer, or the server's own retryable one once the handler's budget has passed. */
  const runHandler = (event: ServerEvent): Promise<HttpAnswer> =>
    new Promise<HttpAnswer>((resolve) => {
      const context = newContext()
      const job = deadlines.add(() => resolve(errorAnswer(retryable('the handler did not answer in time'), answerOptions)))
      // Past the deadline the late answer is dropped, as it never reaches the client.
      const answered = (result: unknown): void => {
        if (deadlines.settle(job)) resolve(answerOf(result))
      }
      const failed = (error: unknown): void => {
        if (deadlines.settle(job)) resolve(errorAnswer(error, answerOptions))
      }
      try {
        Promise.resolve(handler(event, context)).then(answered, failed)
      } catch (error) {
        failed(error)
      }
    })

  const answerMessage = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const declared = Number(req.headers['content-length'])
    if (declared > maxBodyBytes) return refuseTooLarge(req, res)
    const body = await readBody(req, maxBodyBytes)
    if (body.outcome === 'aborted') return
    if (body.outcome === 'too_large') return refuseTooLarge(req, res)
    const event: ServerEvent = { httpShape: 'server', method: 'POST', path, headers: headersOf(req), body: body.text }
    send(res, await runHandler(event))
  }

  /** A message, counted in flight until answered: shutdown waits for it. */
  const onMessage = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    inFlight++
    try {
      await answerMessage(req, res, path)
    } catch {
      send(res, errorAnswer(undefined, answerOptions))
    } finally {
      inFlight--
      if (closing && inFlight === 0) stopListening()
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/'
    const query = url.indexOf('?')
    const path = query < 0 ? url : url.slice(0, query)
    const method = req.method ?? ''
    if (path === healthPath) {
      if (method === 'GET' || method === 'HEAD') return send(res, closing ? jsonAnswer(503, { status: 'shutting down' }) : jsonAnswer(200, { status: 'ok' }))
      return send(res, jsonAnswer(405, { error: 'method_not_allowed', reason: `${healthPath} answers GET and HEAD` }, { allow: 'GET, HEAD' }))
    }
    if (method !== 'POST') {
      return send(res, jsonAnswer(405, { error: 'method_not_allowed', reason: 'Firehose messages are POSTed' }, { allow: 'POST' }))
    }
    if (closing) {
      req.resume()
      return send(res, errorAnswer(retryable('the server is shutting down'), answerOptions))
    }
    void onMessage(req, res, path)
  }

  const server = createServer({
    maxHeaderSize: options.maxHeaderBytes ?? 16 * 1024,
    requestTimeout: requestTimeoutMs,
    headersTimeout: headersTimeoutMs,
    // Node checks the two timeouts above on this interval (30 s by default, too coarse to bound a slow client).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
  })
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000
  server.on('request', onRequest)
  // A client that asks before sending an oversized body is refused before it sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > maxBodyBytes) {
      res.shouldKeepAlive = false
      return send(res, errorAnswer(tooLarge(maxBodyBytes)))
    }
    res.writeContinue()
    onRequest(req, res)
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && !socket.destroyed) {
      const status =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
    } else {
      socket.destroy()
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (error: NodeJS.ErrnoException) => logger.error('server error', { code: error.code }))

  const actualPort = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`

  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true
      removeSignalHandlers()
      let stopped = false
      stopListening = () => {
        if (stopped) return
        stopped = true
        server.close(() => {
          clearTimeout(force)
          resolve()
        })
        server.closeIdleConnections()
      }
      const force = setTimeout(() => {
        stopListening()
        server.closeAllConnections()
      }, shutdownTimeoutMs)
      force.unref()
      if (inFlight === 0) stopListening()
    })
    return closed
  }

  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info('shutting down', { signal })
    void close().then(() => {
      logger.info('stopped', { signal })
      // With our handler gone and no other, the signal's default action ends the process as expected.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
    })
  }
  const signals: NodeJS.Signals[] = options.shutdownOnSignals === false ? [] : ['SIGTERM', 'SIGINT']
  for (const signal of signals) process.on(signal, onSignal)
  function removeSignalHandlers(): void {
    for (const signal of signals) process.off(signal, onSignal)
  }

  logger.info('listening', { url, maxBodyBytes })
  return { url, port: actualPort, server, close }
}

/** Structured logging that never prints a secret: every line is JSON, and known secret values are masked. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
/** The fields of one log line. */
export type LogFields = Readonly<Record<string, unknown>>

/** firehose-kit's logger: four levels, and children that add fields and mask more secrets. */
export interface Logger {
  /** Details for development, off unless the level is debug. */
  debug(message: string, fields?: LogFields): void
  /** What happened, in the normal course. */
  info(message: string, fields?: LogFields): void
  /** Something unexpected that did not stop the message. */
  warn(message: string, fields?: LogFields): void
  /** Something failed for good (an item, a subscription). */
  error(message: string, fields?: LogFields): void
  /** A logger that adds `fields` to every line and also masks `secrets`. */
  child(fields: LogFields, secrets?: Iterable<string>): Logger
}

/**
 * Any logger with the four levels: firehose-kit's own, Powertools' `Logger`, pino, console... Pass
 * one as `logger`; firehose-kit adds its fields (message id, type, account) and masks secrets in
 * what it hands over, so the logger needs no `child` of firehose-kit's kind.
 */
export interface LoggerLike {
  /** Writes at debug level: the message, then one object of fields. */
  debug(message: string, ...rest: any[]): unknown
  /** Writes at info level: the message, then one object of fields. */
  info(message: string, ...rest: any[]): unknown
  /** Writes at warn level: the message, then one object of fields. */
  warn(message: string, ...rest: any[]): unknown
  /** Writes at error level: the message, then one object of fields. */
  error(message: string, ...rest: any[]): unknown
}

const isLogger = (logger: LoggerLike): logger is Logger =>
  typeof (logger as Partial<Logger>).child === 'function' && (logger as { [FIREHOSE_LOGGER]?: true })[FIREHOSE_LOGGER] === true

const FIREHOSE_LOGGER = Symbol.for('firehose-kit.logger')

/**
 * A firehose-kit `Logger` over any {@link LoggerLike}: each line goes to the same level of `base`
 * as the message and one object of fields, the child's fields included, every secret masked.
 */
export const adaptLogger = (base: LoggerLike): Logger => {
  const make = (fields: LogFields, secrets: Secrets): Logger => {
    const emit = (level: LogLevel, message: string, extra?: LogFields): void => {
      const record: Record<string, unknown> = { ...fields }
      if (extra) for (const [key, value] of Object.entries(extra)) record[key] = errorFields(value)
      const masked = JSON.parse(bounded(maskSecrets(JSON.stringify({ message, record }), secrets()))) as { message: string; record: Record<string, unknown> }
      base[level](masked.message, masked.record)
    }
    return {
      debug: (message, extra) => emit('debug', message, extra),
      info: (message, extra) => emit('info', message, extra),
      warn: (message, extra) => emit('warn', message, extra),
      error: (message, extra) => emit('error', message, extra),
      child: (more, moreSecrets) => make({ ...fields, ...more }, moreSecrets ? withMore(secrets, moreSecrets) : secrets),
    }
  }
  return make({}, () => [])
}

/** The logger to use: firehose-kit's own as it is, any other adapted, `fallback` when none was given. */
export const asLogger = (logger: LoggerLike | undefined, fallback: () => Logger = () => createLogger()): Logger =>
  logger === undefined ? fallback() : isLogger(logger) ? logger : adaptLogger(logger)

/** Where `createLogger()` writes, from which level, and which secrets it masks. */
export interface LoggerOptions {
  /** Where each JSON line goes; stdout by default (one `console.log` per line, as Lambda expects). */
  readonly write?: (line: string) => void
  readonly level?: LogLevel
  /** Values that must never appear in a line (API keys, tokens, confidential settings). */
  readonly secrets?: Iterable<string>
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
export const REDACTED = '[redacted]'
/** Secrets shorter than this are not masked: masking "1" or "true" would mangle every line. */
const MIN_SECRET_LENGTH = 4

const escapeForJson = (secret: string): string => JSON.stringify(secret).slice(1, -1)

/** `line` with each of `secrets` (already expanded by `secretList`, longest first) replaced by `[redacted]`. */
export const maskSecrets = (line: string, secrets: ReadonlyArray<string>): string => {
  let out = line
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
}

/** Characters WHATWG URL parsing percent-encodes in a path: C0 controls, space, `"`, `#`, `<`, `>`, `?`, `` ` ``, `{`, `}`, DEL and non-ASCII. */
const PATH_ENCODED = new Set([' ', '"', '#', '<', '>', '?', '`', '{', '}'])

/** A secret as it shows in a URL's path once `new URL()` or fetch has normalised it (`|`, `^`, `[` stay raw, unlike `encodeURI`). */
const pathEncoded = (secret: string): string => {
  let out = ''
  for (const char of secret) {
    const code = char.codePointAt(0)!
    if (code < 0x20 || code >= 0x7f || PATH_ENCODED.has(char)) {
      for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    } else out += char
  }
  return out
}

const attempt = (encode: () => string): string | undefined => {
  try {
    return encode()
  } catch {
    return undefined // encodeURI throws on a lone surrogate: that form cannot occur then
  }
}

/**
 * The forms a secret can take in a line, an answer or a reason: itself; percent-encoded as
 * `encodeURIComponent`, `encodeURI`, a URL path (WHATWG) and a form body or `URLSearchParams`
 * (spaces as `+`) would write it; base64 and base64url (with and without padding, as in a Basic
 * authorization header); and, for a secret that is a URL (a webhook), its host and path, which is
 * how requests to it are described. The logger adds the JSON-escaped form of each.
 */
export const secretVariants = (secret: string): string[] => {
  const base64 = Buffer.from(secret, 'utf8').toString('base64')
  const forms = [
    secret,
    attempt(() => encodeURIComponent(secret)),
    attempt(() => encodeURI(secret)),
    pathEncoded(secret),
    // The running Node's own URL path encoding: it changes between versions (Node 24 leaves | [ ] as they are).
    attempt(() => {
      const url = new URL('http://h/')
      url.pathname = `/${secret}`
      return url.pathname.slice(1)
    }),
    attempt(() => new URLSearchParams({ k: secret }).toString().slice(2)),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
  ]
  const variants = [...new Set(forms.filter((form): form is string => form !== undefined && form.length >= MIN_SECRET_LENGTH))]
  if (/^https?:\/\//i.test(secret)) {
    try {
      const url = new URL(secret)
      if (url.pathname.length >= MIN_SECRET_LENGTH) variants.push(`${url.host}${url.pathname}`, url.pathname)
    } catch {
      // not a URL after all: the secret itself is masked
    }
  }
  return variants
}

/** `text` with every form of every secret (`secretVariants`, JSON-escaped too) replaced by `[redacted]`. */
export const maskText = (text: string, secrets: Iterable<string>): string => maskSecrets(text, secretList(secrets))

/** Every form of every secret of `sources` (`secretVariants`, JSON-escaped too), longest first; secrets too short to mask are left out. */
export const secretList = (...sources: Array<Iterable<string> | undefined>): string[] => {
  const list = new Set<string>()
  for (const source of sources) {
    for (const secret of source ?? []) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue
      for (const variant of secretVariants(secret)) {
        list.add(variant)
        list.add(escapeForJson(variant))
      }
    }
  }
  return [...list].sort((a, b) => b.length - a.length)
}

/** A logger's secret list (every form of every secret, longest first), made when a line is first written. */
type Secrets = () => ReadonlyArray<string>

/**
 * A child's secrets: the parent's and `more`, whose values are read now but expanded into their
 * forms (`secretVariants`, several µs per secret) only when the child writes its first line. The
 * pipeline makes a child per message with the message's confidential settings; most never log, and
 * most carry none (the parent's list is then the child's).
 */
const withMore = (secrets: Secrets, more: Iterable<string>): Secrets => {
  const values = [...more]
  if (values.length === 0) return secrets
  let list: ReadonlyArray<string> | undefined
  return () => (list ??= [...secrets(), ...secretList(values)].sort((a, b) => b.length - a.length))
}

const errorFields = (value: unknown): unknown => (value instanceof Error ? { name: value.name, message: value.message } : value)

/** `text` cut to `max` characters, saying how many were left out (never splitting a surrogate pair). */
export const clipText = (text: string, max: number): string => {
  if (text.length <= max) return text
  let end = max
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return `${text.slice(0, end)}… (${text.length - end} more characters)`
}

/**
 * Fields often come from a message, and a message can hold a string of any length: a line longer
 * than `MAX_LINE_CHARS` is written again with every string and key past `MAX_STRING_CHARS` clipped.
 * It runs after masking, so a clip never leaves part of a secret readable.
 */
const MAX_LINE_CHARS = 16_384
const MAX_STRING_CHARS = 2_000

const clipLong = (_key: string, value: unknown): unknown => {
  if (typeof value === 'string') return clipText(value, MAX_STRING_CHARS)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  if (!Object.keys(value).some((key) => key.length > MAX_STRING_CHARS)) return value
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [clipText(key, MAX_STRING_CHARS), field]))
}

const bounded = (line: string): string => {
  if (line.length <= MAX_LINE_CHARS) return line
  try {
    return JSON.stringify(JSON.parse(line), clipLong)
  } catch {
    return line
  }
}

const build = (write: (line: string) => void, min: number, base: LogFields, secrets: Secrets): Logger => {
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (rank[level] < min) return
    const record: Record<string, unknown> = { level, time: new Date().toISOString(), message, ...base }
    if (fields) for (const [key, value] of Object.entries(fields)) record[key] = errorFields(value)
    write(bounded(maskSecrets(JSON.stringify(record), secrets())))
  }
  return {
    [FIREHOSE_LOGGER]: true,
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields, more) => build(write, min, { ...base, ...fields }, more ? withMore(secrets, more) : secrets),
  } as Logger
}

/** A logger writing one JSON line per entry (stdout by default), masking the given secrets. */
export const createLogger = (options: LoggerOptions = {}): Logger => {
  const secrets = secretList(options.secrets)
  return build(options.write ?? ((line) => console.log(line)), rank[options.level ?? 'info'], {}, () => secrets)
}

/** A logger that keeps its lines in memory, for tests. */
export const memoryLogger = (
  options: Omit<LoggerOptions, 'write'> = {},
): Logger & {
  /** Every line written, as JSON text. */
  readonly lines: string[]
  /** Every line written, parsed. */
  readonly records: () => Record<string, unknown>[]
} => {
  const lines: string[] = []
  const logger = createLogger({ ...options, write: (line) => lines.push(line) })
  return Object.assign(logger, { lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) })
}

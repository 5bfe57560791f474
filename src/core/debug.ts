/**
 * Development mode: a handler's thrown error shows its message and stack. On in the CLI (`serve`,
 * `send`, `replay`...), in the testing kit (`invoke`, the properties) and wherever
 * `FIREHOSE_DEBUG=1`; off in production, where a thrown error is reported by its class name only
 * (its message may hold personal data).
 */
const FLAG = Symbol.for('firehose-kit.debug')

type Flagged = { [FLAG]?: true }

/** True in development mode. `FIREHOSE_DEBUG=0` forces production behaviour, even in the CLI and tests. */
export const isDebug = (): boolean => process.env.FIREHOSE_DEBUG !== '0' && ((globalThis as Flagged)[FLAG] === true || process.env.FIREHOSE_DEBUG === '1')

/** Turns development mode on for this process (every copy of firehose-kit loaded in it). */
export const enableDebug = (): void => {
  ;(globalThis as Flagged)[FLAG] = true
}

/** `Name: message`, then the stack when it has one: what development mode shows of a thrown value. */
export const describeForDebug = (value: unknown): string => (value instanceof Error ? (value.stack ?? `${value.name}: ${value.message}`) : `${typeof value}: ${String(value)}`)

import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import { decodeMessage, type Decoded, type DecodeFailure, type DecodeOptions } from '../../src/schema/index.js'

const fixturesDir = fileURLToPath(new URL('../fixtures/schema/', import.meta.url))

export const ownFixtureNames = (): string[] =>
  readdirSync(fixturesDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
export const ownFixtureText = (name: string): string => readFileSync(fixturesDir + name, 'utf8')
export const ownFixture = (name: string): Record<string, unknown> => JSON.parse(ownFixtureText(name)) as Record<string, unknown>

/** Decodes and asserts success, returning the decoded value. */
export const decoded = (input: unknown, options?: DecodeOptions): Decoded => {
  const result = decodeMessage(input, options)
  if (E.isLeft(result)) expect.fail(`expected success, got: ${result.left.message}`)
  return result.right
}

/** Decodes and asserts failure, returning it. */
export const failed = (input: unknown, options?: DecodeOptions): DecodeFailure => {
  const result = decodeMessage(input, options)
  if (E.isRight(result)) expect.fail('expected a decode failure')
  return result.left
}

export const paths = (problems: ReadonlyArray<{ readonly path: string }>): string[] => problems.map((p) => p.path)

/** A JSON round trip, as between two processes. */
export const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value))

/** A fixed UUID named after a short label (`uid('a')`), for ids the Java model declares as UUIDs. */
export const uid = (label: string): string => `00000000-0000-4000-8000-${Buffer.from(label).toString('hex').padStart(12, '0').slice(-12)}`

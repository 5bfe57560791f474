import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe } from 'vitest'

/** `../shared` beside the repository: the protocol spec and mParticle's fixtures (never copied in). */
export const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url))
export const sharedAvailable = existsSync(join(sharedDir, 'fixtures'))
const required = process.env.FIREHOSE_REQUIRE_SHARED === '1'

if (!sharedAvailable && required) {
  throw new Error(`FIREHOSE_REQUIRE_SHARED=1 but ${sharedDir} is missing: the ../shared tests are mandatory here`)
}
if (!sharedAvailable) {
  console.warn(`[firehose-kit] ${sharedDir} not found: tests that need ../shared are skipped`)
}

/** A describe block that runs only when ../shared exists (mandatory under FIREHOSE_REQUIRE_SHARED=1). */
export const describeShared: typeof describe = (sharedAvailable ? describe : describe.skip) as typeof describe

export const sharedText = (relative: string): string => readFileSync(join(sharedDir, relative), 'utf8')
export const sharedJson = (relative: string): unknown => JSON.parse(sharedText(relative))
export const javaFixtureNames = (): string[] =>
  sharedAvailable
    ? readdirSync(join(sharedDir, 'fixtures/java-sdk'))
        .filter((name) => name.endsWith('.json'))
        .sort()
    : []
export const javaFixture = (name: string): unknown => sharedJson(`fixtures/java-sdk/${name}`)

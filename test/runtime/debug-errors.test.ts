import { afterEach, describe, expect, it, vi } from 'vitest'
import { isDebug } from '../../src/core/debug.js'
import { fromThrown } from '../../src/core/results.js'
import { firehose } from '../../src/index.js'
import { memoryLogger } from '../../src/logger.js'
import { assertTotal, customEvent, eventBatch, invoke } from '../../src/testing/index.js'

const FLAG = Symbol.for('firehose-kit.debug')
const production = () => {
  delete (globalThis as Record<symbol, unknown>)[FLAG]
  vi.stubEnv('FIREHOSE_DEBUG', '')
}

const definition = {
  registration: { name: 'T', version: '1', events: { types: ['custom_event'] } },
  on: {
    custom_event: () => {
      throw new TypeError('cannot read properties of undefined (reading "plan")')
    },
  },
} as const

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('a thrown error', () => {
  it('is reported by its class name only in production', () => {
    production()
    expect(isDebug()).toBe(false)
    const error = fromThrown(new TypeError('user jane@example.com has no plan'), 'retryable')
    expect(error.reason).toBe('handler threw TypeError')
    // FIREHOSE_DEBUG=0 keeps production behaviour even where development mode is on.
    vi.stubEnv('FIREHOSE_DEBUG', '0')
    ;(globalThis as Record<symbol, unknown>)[FLAG] = true
    expect(fromThrown(new TypeError('jane@example.com'), 'retryable').reason).toBe('handler threw TypeError')
  })

  it('shows its message and stack with FIREHOSE_DEBUG=1', () => {
    production()
    vi.stubEnv('FIREHOSE_DEBUG', '1')
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const error = fromThrown(new TypeError('no plan'), 'retryable')
    expect(error.reason).toBe('handler threw TypeError: no plan')
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/TypeError: no plan\n\s+at /)
  })

  it('shows its message through invoke (tests run in development mode)', async () => {
    production()
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const handler = firehose(definition, { auth: false, logger: memoryLogger() })
    const result = await invoke(handler, eventBatch({ events: [customEvent()] }))
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.error.reason).toContain('cannot read properties of undefined (reading "plan")')
  })

  it("shows its message and stack in a property's counterexample", async () => {
    production()
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const failure = await assertTotal(definition, { numRuns: 5 }).then(
      () => undefined,
      (error: Error) => `${error.message}\n${(error.cause as Error | undefined)?.message ?? ''}`,
    )
    expect(failure).toContain('on.custom_event threw TypeError')
    expect(failure).toContain('TypeError: cannot read properties of undefined (reading "plan")')
    expect(failure).toMatch(/\n\s+at /)
  })
})

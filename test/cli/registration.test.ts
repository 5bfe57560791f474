import { describe, it, expect } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { decodeMessage } from '../../src/schema/index.js'
import { fixture, integration, runCli } from './support.js'

describe.concurrent('firehose registration', () => {
  it('prints only the registration response on stdout, and it decodes with the strict codec', async () => {
    const result = await runCli(['registration', integration])
    expect(result.code).toBe(0)
    const response = JSON.parse(result.stdout)
    const decoded = decodeMessage(response, { mode: 'strict' })
    expect(E.isRight(decoded)).toBe(true)
    expect(response).toMatchObject({ type: 'module_registration_response', name: 'Fixture', version: '1.0' })
    expect(response.event_processing_registration.supported_event_types).toEqual(['custom_event', 'screen_view'])
  })

  it('finds a handler exported as default', async () => {
    const result = await runCli(['registration', fixture('default-export.ts')])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).name).toBe('Fixture')
  })

  it('exits 1 naming the paths when the response does not decode', async () => {
    const result = await runCli(['registration', fixture('bad-registration.ts')])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('the registration response does not decode')
    expect(result.stderr).toMatch(/\/(name|sdk_version|version|description): expected/)
  })

  it('exits 1 with a clear message for a module without a handler, or no module', async () => {
    const noHandler = await runCli(['registration', fixture('no-handler.ts')])
    expect(noHandler.code).toBe(1)
    expect(noHandler.stderr).toContain('exports no handler')
    const missing = await runCli(['registration', fixture('missing.ts')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('module not found')
    for (const output of [noHandler.stderr, missing.stderr]) expect(output).not.toMatch(/\n\s+at /)
  })
})

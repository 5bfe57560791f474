import { describe, it, expect, beforeAll } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { customEvent, eventBatch } from '../../src/testing/builders.js'
import { runCli, tempProject, writeJson } from './support.js'

let dir: string
const file = (name: string): string => join(dir, name)

beforeAll(async () => {
  dir = await tempProject()
  await writeJson(file('valid.json'), eventBatch({ settings: { apiKey: 'k' }, events: [customEvent()] }))
  const broken = eventBatch({ events: [customEvent(), customEvent()] }) as unknown as Record<string, any>
  broken.timestamp_ms = 'yesterday'
  delete broken.events[1].name
  broken.events[1].custom_event_type = 'not-a-type'
  await writeJson(file('invalid.json'), broken)
  const tolerable = eventBatch() as unknown as Record<string, any>
  tolerable.events[0].custom_event_type = 'not-a-type'
  await writeJson(file('tolerable.json'), tolerable)
  await writeFile(file('not-json.json'), '{ "type": "event_processing_request", ')
})

describe.concurrent('firehose validate', () => {
  it('exits 0 for a valid message', async () => {
    const result = await runCli(['validate', file('valid.json')])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('valid event_processing_request (strict)')
  })

  it('exits 1 and names every problem with its JSON path', async () => {
    const result = await runCli(['validate', file('invalid.json')])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('invalid event_processing_request (strict): 3 problems')
    expect(result.stdout).toContain('/timestamp_ms: expected integer, found string')
    expect(result.stdout).toContain('/events/1/name: expected non-empty string, found missing')
    expect(result.stdout).toMatch(/\/events\/1\/custom_event_type: expected a known custom event type.*, found string/)
  })

  it('prints the problems as JSON with --json, without the values', async () => {
    const result = await runCli(['validate', file('invalid.json'), '--json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ valid: false, mode: 'strict', type: 'event_processing_request' })
    expect(report.problems.map((p: { path: string }) => p.path).sort()).toEqual(['/events/1/custom_event_type', '/events/1/name', '/timestamp_ms'])
    expect(result.stdout).not.toContain('yesterday')
  })

  it('--lenient tolerates what lenient decoding tolerates, and still lists it', async () => {
    const strict = await runCli(['validate', file('tolerable.json')])
    expect(strict.code).toBe(1)
    const lenient = await runCli(['validate', file('tolerable.json'), '--lenient'])
    expect(lenient.code).toBe(0)
    expect(lenient.stdout).toContain('valid event_processing_request (lenient), tolerating 1 problem:')
    expect(lenient.stdout).toContain('/events/0')
  })

  it('exits 1 for a file that is not JSON, or missing', async () => {
    const notJson = await runCli(['validate', file('not-json.json')])
    expect(notJson.code).toBe(1)
    expect(notJson.stderr).toContain('is not valid JSON')
    const missing = await runCli(['validate', file('nope.json')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('file not found')
    expect(missing.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 for a usage error', async () => {
    expect((await runCli(['validate'])).code).toBe(2)
    expect((await runCli(['validate', file('valid.json'), '--strictest'])).code).toBe(2)
  })
})

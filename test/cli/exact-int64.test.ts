import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMessages } from '../../src/cli/message-source.js'
import { parseJson } from '../../src/cli/read-json.js'

/** Issue 12, finding 1, in the CLI: validate/send read files with parseJson, replay re-writes array files exactly. */
const dir = mkdtempSync(join(tmpdir(), 'firehose-exact-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const message =
  '{"type":"event_processing_request","id":"3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c44","timestamp_ms":1714592744066,"firehose_version":"3.2.0","account":{"account_id":1},' +
  '"events":[{"type":"session_start","id":"9b2d6a70-1c3e-4f5a-8b7c-0d1e2f3a4b5c","timestamp_ms":1,"session_id":1250698897592480939}]}'

describe('CLI message files keep 64-bit integers exact', () => {
  it('parseJson (validate, send) reads them as exact text', () => {
    expect(parseJson(message, 'm.json')).toMatchObject({ events: [{ session_id: '1250698897592480939' }] })
  })

  it('replay of a JSON array file sends each message with the same digits', async () => {
    const file = join(dir, 'batch.json')
    writeFileSync(file, `[${message},${message}]`)
    const messages = await readMessages(file)
    expect(messages).toHaveLength(2)
    for (const m of messages) expect(m.text).toContain('"session_id":1250698897592480939}')
  })
})

import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger'
import { describe, expect, it, vi } from 'vitest'
import { firehose, setting } from '../../src/index.js'
import { customEvent, eventBatch, invoke } from '../../src/testing/index.js'

describe('a Powertools Logger as logger', () => {
  it("receives firehose-kit's lines with their fields, secrets masked", async () => {
    const logger = new PowertoolsLogger({ serviceName: 'firehose-test', logLevel: 'DEBUG' })
    const info = vi.spyOn(logger, 'info').mockImplementation(() => {})
    vi.spyOn(logger, 'warn').mockImplementation(() => {})
    vi.spyOn(logger, 'debug').mockImplementation(() => {})
    const handler = firehose(
      {
        registration: { name: 'T', version: '1', events: { settings: { apiKey: setting.text({ name: 'Key', confidential: true }) }, types: ['custom_event'] } },
        on: {
          custom_event: (event, ctx) => {
            ctx.logger.info('calling with key', { key: ctx.settings.apiKey, event: event.id })
          },
        },
      },
      { auth: false, logger },
    )
    const message = eventBatch({ events: [customEvent({ id: 'e-1' })], settings: { apiKey: 'very-secret-key' } })
    const result = await invoke(handler, message)
    expect(result.ok).toBe(true)
    const call = info.mock.calls.find(([text]) => text === 'calling with key')
    expect(call?.[1]).toMatchObject({ key: '[redacted]', event: 'e-1', messageId: message.id })
    expect(JSON.stringify(info.mock.calls)).not.toContain('very-secret-key')
  })
})

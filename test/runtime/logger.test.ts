import { describe, expect, it } from 'vitest'
import { memoryLogger, REDACTED } from '../../src/logger.js'

describe('logger', () => {
  it('writes one JSON line per entry with the level, message, base fields and own fields', () => {
    const logger = memoryLogger()
    logger.child({ messageId: 'm-1' }).info('hello', { count: 2 })
    expect(logger.records()).toEqual([{ level: 'info', time: expect.any(String), message: 'hello', messageId: 'm-1', count: 2 }])
  })

  it('drops entries below the level', () => {
    const logger = memoryLogger({ level: 'warn' })
    logger.info('quiet')
    logger.error('loud')
    expect(logger.records().map((r) => r.message)).toEqual(['loud'])
  })

  it('masks secrets wherever they appear, JSON-escaped or URL-encoded too', () => {
    const logger = memoryLogger({ secrets: ['s3cr"et-key'] })
    logger.warn('failed with s3cr"et-key', { url: `https://x.example/?k=${encodeURIComponent('s3cr"et-key')}`, nested: { key: 's3cr"et-key' } })
    expect(logger.lines[0]).not.toContain('s3cr')
    expect(logger.lines[0]).toContain(REDACTED)
  })

  it('masks the host and path of a secret URL (a webhook), as requests to it are described', () => {
    const logger = memoryLogger()
    logger.child({}, ['https://hooks.slack.com/services/T0/B0/XYZ123']).error('POST hooks.slack.com/services/T0/B0/XYZ123 answered 404')
    expect(logger.lines[0]).not.toContain('XYZ123')
  })

  it('does not mask secrets too short to be secrets (they would mangle every line)', () => {
    const logger = memoryLogger({ secrets: ['1'] })
    logger.info('1 event')
    expect(logger.records()[0].message).toBe('1 event')
  })

  it('logs an Error by name and message only, never its stack', () => {
    const logger = memoryLogger()
    logger.error('oops', { error: new TypeError('bad') })
    expect(logger.records()[0].error).toEqual({ name: 'TypeError', message: 'bad' })
  })
})

import { describe, expect, it } from 'vitest'
import { adaptLogger, memoryLogger, REDACTED } from '../../src/logger.js'

// Found by the fuzz suite (FUZZ_SEED=31337): the Iterable example logs an event's id, the id was a
// mutated string of 300,000 characters, and so was the log line.
describe('a log line stays readable whatever a message holds', () => {
  const huge = 'ü'.repeat(300_000)

  it('clips a field of 300,000 characters, saying how many were left out', () => {
    const logger = memoryLogger()
    logger.info('no Iterable call', { item: huge, reason: 'not a purchase' })
    expect(logger.lines[0]!.length).toBeLessThan(10_000)
    const record = logger.records()[0]!
    expect(record).toMatchObject({ level: 'info', message: 'no Iterable call', reason: 'not a purchase' })
    expect(record.item).toMatch(/^ü+… \(\d+ more characters\)$/)
    expect(String(record.item).length).toBeLessThan(5_000)
  })

  it('clips long strings and keys however deep they sit, in base fields and in the message', () => {
    const logger = memoryLogger()
    logger.child({ messageId: huge }).warn(huge, { nested: { list: [huge, 'short'], [huge]: 1 } })
    const line = logger.lines[0]!
    expect(line.length).toBeLessThan(30_000)
    const record = logger.records()[0]!
    expect((record.nested as { list: string[] }).list[1]).toBe('short')
    expect(Object.keys(record.nested as object)).toHaveLength(2)
  })

  it('keeps a long line of short strings as it is, and masks secrets before it clips', () => {
    const secret = 'x'.repeat(10) + 'the-secret-value'
    const logger = memoryLogger({ secrets: [secret] })
    const many = Array.from({ length: 3_000 }, (_, i) => `value-${i}`)
    logger.info('many', { many, tail: 'a'.repeat(5_000) + secret })
    const record = logger.records()[0]!
    expect(record.many).toEqual(many)
    expect(logger.lines[0]).not.toContain('the-secret-value')
    logger.info('clip at the secret', { text: 'a'.repeat(4_090) + secret + 'b'.repeat(40_000) })
    expect(logger.lines[1]).not.toContain('xxxxxxx')
    expect(logger.lines[1]).not.toContain('the-secr')
  })

  it('clips for an adapted logger (Powertools, pino) too', () => {
    const seen: unknown[] = []
    const write = (message: string, fields?: unknown) => void seen.push({ message, fields })
    const logger = adaptLogger({ debug: write, info: write, warn: write, error: write })
    logger.info(huge, { item: huge })
    expect(JSON.stringify(seen).length).toBeLessThan(20_000)
    expect(JSON.stringify(seen)).not.toContain(REDACTED)
  })
})

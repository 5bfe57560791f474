import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { Readable } from 'node:stream'
import type { IncomingMessage } from 'node:http'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { tokensFromEnv } from '../../src/core/tokens.js'
import { readBody } from '../../src/transports/read-body.js'
import { zip } from '../../src/cli/zip.js'
import { crc32 } from '../support/crc32.js'

describe('fakeLambdaContext()', () => {
  it('looks like the context Lambda hands a function', () => {
    const context = fakeLambdaContext({ functionName: 'acme', awsRequestId: 'req-1' })
    expect(context).toMatchObject({
      functionName: 'acme',
      functionVersion: '$LATEST',
      awsRequestId: 'req-1',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:acme',
      logGroupName: '/aws/lambda/acme',
      callbackWaitsForEmptyEventLoop: true,
    })
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/)
    expect(fakeLambdaContext().awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/)
    expect(() => context.succeed('x')).toThrow(/legacy callback API/)
  })

  it('keeps one request id per context, and lets it be replaced', () => {
    const context = fakeLambdaContext()
    const id = context.awsRequestId
    expect(context.awsRequestId).toBe(id)
    expect(fakeLambdaContext().awsRequestId).not.toBe(id)
    expect({ ...context }.awsRequestId).toBe(id)
    context.awsRequestId = 'mine'
    expect(context.awsRequestId).toBe('mine')
  })

  it('counts the remaining time down from its budget, never below zero', () => {
    let now = 1_000
    const context = fakeLambdaContext({ timeoutMs: 500, now: () => now })
    expect(context.getRemainingTimeInMillis()).toBe(500)
    now += 200
    expect(context.getRemainingTimeInMillis()).toBe(300)
    now += 1_000
    expect(context.getRemainingTimeInMillis()).toBe(0)
    expect(fakeLambdaContext().getRemainingTimeInMillis()).toBeLessThanOrEqual(3000)
  })
})

describe('tokensFromEnv()', () => {
  it('reads comma-separated tokens, trimmed, without blanks or repeats', () => {
    expect(tokensFromEnv({ FIREHOSE_TOKENS: ' old-token , new-token,,old-token ' })).toEqual(['old-token', 'new-token'])
    expect(tokensFromEnv({})).toEqual([])
    expect(tokensFromEnv({ FIREHOSE_TOKENS: '' })).toEqual([])
    expect(tokensFromEnv({ OTHER: 'a,b' }, 'OTHER')).toEqual(['a', 'b'])
  })
})

const incoming = (chunks: Buffer[], end = true): IncomingMessage => {
  const stream = new Readable({ read() {} })
  for (const chunk of chunks) stream.push(chunk)
  if (end) stream.push(null)
  return stream as unknown as IncomingMessage
}

describe('readBody()', () => {
  it('reads the body as UTF-8 text, even when a character spans two chunks', async () => {
    const bytes = Buffer.from('{"name":"café"}')
    const read = await readBody(incoming([bytes.subarray(0, 13), bytes.subarray(13)]), 100)
    expect(read).toEqual({ outcome: 'complete', text: '{"name":"café"}' })
  })

  it('reads any bytes, however split, as Buffer.toString reads them whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.string({ unit: 'grapheme-ascii' }).map((text) => Buffer.from(text)),
        ),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (bytes, cuts) => {
          const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
          const chunks = [0, ...at].map((start, i) => Buffer.from(bytes.subarray(start, at[i] ?? bytes.length))).filter((chunk) => chunk.length > 0)
          expect(await readBody(incoming(chunks), 1000)).toEqual({ outcome: 'complete', text: Buffer.from(bytes).toString('utf8') })
        },
      ),
    )
  })

  it('settles too_large as soon as the limit is passed, without waiting for the end', async () => {
    const read = await readBody(incoming([Buffer.alloc(60), Buffer.alloc(60)], false), 100)
    expect(read).toEqual({ outcome: 'too_large' })
  })

  it('settles aborted when the stream goes away first', async () => {
    const stream = incoming([Buffer.from('{')], false)
    const pending = readBody(stream, 100)
    ;(stream as unknown as Readable).destroy()
    expect(await pending).toEqual({ outcome: 'aborted' })
  })
})

describe('zip()', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    expect(crc32(Buffer.alloc(0))).toBe(0)
  })

  it('round-trips any files through its local headers', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9_./-]{0,20}$/), data: fc.uint8Array({ maxLength: 2000 }) }), { selector: (e) => e.name, maxLength: 5 }),
        (entries) => {
          const archive = zip(entries)
          let at = 0
          for (const entry of entries) {
            expect(archive.readUInt32LE(at)).toBe(0x04034b50)
            const method = archive.readUInt16LE(at + 8)
            const crc = archive.readUInt32LE(at + 14)
            const size = archive.readUInt32LE(at + 18)
            const nameLength = archive.readUInt16LE(at + 26)
            expect(archive.subarray(at + 30, at + 30 + nameLength).toString()).toBe(entry.name)
            const raw = archive.subarray(at + 30 + nameLength, at + 30 + nameLength + size)
            const data = method === 8 ? inflateRawSync(raw) : raw
            expect(Buffer.from(data).equals(Buffer.from(entry.data))).toBe(true)
            expect(crc).toBe(crc32(entry.data))
            at += 30 + nameLength + size
          }
          expect(archive.readUInt32LE(archive.length - 22)).toBe(0x06054b50)
        },
      ),
    )
  })

  it('is reproducible: the same files give the same bytes', () => {
    const files = [{ name: 'index.mjs', data: Buffer.from('export const handler = 1\n') }]
    expect(zip(files).equals(zip(files))).toBe(true)
  })

  it('is read by unzip, when the machine has it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firehose-zip-'))
    try {
      const file = join(dir, 'a.zip')
      writeFileSync(
        file,
        zip([
          { name: 'index.mjs', data: Buffer.from('export const handler = 1\n'.repeat(50)) },
          { name: 'empty.txt', data: Buffer.alloc(0) },
        ]),
      )
      const listing = spawnSync('unzip', ['-l', file], { encoding: 'utf8' })
      if (listing.error) return
      expect(listing.stdout).toMatch(/1250\s+1980-01-01 00:00\s+index\.mjs/)
      expect(listing.stdout).toContain('empty.txt')
      expect(spawnSync('unzip', ['-t', file], { encoding: 'utf8' }).stdout).toContain('No errors detected')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

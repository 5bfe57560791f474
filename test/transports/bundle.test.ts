import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { inflateRawSync } from 'node:zlib'
import { bundle, type BundleResult } from '../../src/cli/bundle.js'
import { crc32 } from '../support/crc32.js'
import { fakeLambdaContext } from '../../src/transports/lambda-context.js'
import { describeShared, javaFixture } from '../support/shared.js'
import { httpApiEvent } from './lambda-events.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
let dir: string

// A tiny integration: the transport middleware plus a stand-in for the runtime that echoes the id.
const entrySource = `
import middy from ${JSON.stringify(join(root, 'node_modules/@middy/core/index.js'))}
import { httpEvent } from ${JSON.stringify(join(root, 'middlewares/http-event.ts'))}
import { firehoseState } from ${JSON.stringify(join(root, 'src/core/state.ts'))}
import { permanent } from ${JSON.stringify(join(root, 'src/errors.ts'))}

export const handler = middy(async (message) => {
  if (message.type === 'dsr_processing_request') throw permanent('no erasures here')
  return { type: message.type.replace('_request', '_response'), id: message.id, timestamp_ms: 1, firehose_version: '3.2.0', events: message.events?.length ?? 0 }
})
  .use(httpEvent())
  .use({ before: (request) => { request.event = firehoseState(request).raw } })
`

/** Imports the bundle in a fresh Node process, invokes its handler with each event, prints the results. */
const invokeInFreshProcess = (file: string, events: unknown[]): Promise<unknown[]> => {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)})
    const events = JSON.parse(process.argv[1])
    const context = { getRemainingTimeInMillis: () => 3000, awsRequestId: 'r', functionName: 'f' }
    const results = []
    for (const event of events) {
      try { results.push({ ok: await handler(event, context) }) }
      catch (error) { results.push({ error: { name: error.name, kind: error.kind, message: error.message } }) }
    }
    process.stdout.write(JSON.stringify(results))
  `
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(events)], { cwd: dir })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as unknown[]) : reject(new Error(`exit ${code}: ${err}`))))
  })
}

const invokeSource = async (events: unknown[]): Promise<unknown[]> => {
  const { handler } = (await import(pathToFileURL(join(dir, 'entry.ts')).href)) as { handler: (e: unknown, c: unknown) => Promise<unknown> }
  const results: unknown[] = []
  for (const event of events) {
    try {
      results.push({ ok: await handler(event, fakeLambdaContext()) })
    } catch (error) {
      const e = error as { name: string; kind?: string; message: string }
      results.push({ error: { name: e.name, kind: e.kind, message: e.message } })
    }
  }
  return JSON.parse(JSON.stringify(results)) as unknown[]
}

/** Reads a zip's entries by its central directory, checking each CRC. */
const readZip = (archive: Buffer): Array<{ name: string; data: Buffer; mode: number; crcOk: boolean }> => {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = archive.readUInt16LE(end + 10)
  let at = archive.readUInt32LE(end + 16)
  const entries = []
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50)
    const method = archive.readUInt16LE(at + 10)
    const crc = archive.readUInt32LE(at + 16)
    const size = archive.readUInt32LE(at + 20)
    const nameLength = archive.readUInt16LE(at + 28)
    const mode = archive.readUInt32LE(at + 38) >>> 16
    const local = archive.readUInt32LE(at + 42)
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    expect(archive.readUInt32LE(local)).toBe(0x04034b50)
    expect(archive.readUInt32LE(local + 14)).toBe(crc)
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28)
    const raw = archive.subarray(start, start + size)
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw)
    entries.push({ name, data, mode, crcOk: crc32(data) === crc })
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32)
  }
  return entries
}

let built: BundleResult

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firehose-bundle-'))
  await writeFile(join(dir, 'entry.ts'), entrySource)
  built = await bundle({ entry: join(dir, 'entry.ts'), outDir: join(dir, 'out') })
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('bundle()', () => {
  it('writes index.mjs and function.zip and reports their sizes', async () => {
    expect(built.file).toBe(join(dir, 'out', 'index.mjs'))
    expect(built.zip).toBe(join(dir, 'out', 'function.zip'))
    expect((await readFile(built.file)).length).toBe(built.bytes)
    expect((await readFile(built.zip)).length).toBe(built.zipBytes)
    expect(built.zipBytes).toBeLessThan(built.bytes)
    console.info(`[bundle] index.mjs ${built.bytes} bytes, function.zip ${built.zipBytes} bytes`)
  })

  it('answers in a fresh node process exactly as the source does, direct and over HTTP', async () => {
    const events = [
      { type: 'event_processing_request', id: 'a-1', timestamp_ms: 1, events: [{}, {}] },
      httpApiEvent(JSON.stringify({ type: 'event_processing_request', id: 'h-1', timestamp_ms: 1 }), {}, true),
      { type: 'dsr_processing_request', id: 'd-1', timestamp_ms: 1 },
      httpApiEvent(JSON.stringify({ type: 'dsr_processing_request', id: 'd-2', timestamp_ms: 1 }), {}),
      httpApiEvent('not json', {}),
    ]
    const fromBundle = await invokeInFreshProcess(built.file, events)
    expect(fromBundle).toEqual(await invokeSource(events))
    expect(fromBundle[0]).toEqual({ ok: { type: 'event_processing_response', id: 'a-1', timestamp_ms: 1, firehose_version: '3.2.0', events: 2 } })
    expect(fromBundle[2]).toEqual({ error: { name: 'FirehoseError', kind: 'permanent', message: 'no erasures here' } })
    expect((fromBundle[3] as { ok: { statusCode: number } }).ok.statusCode).toBe(400)
  })

  it('holds index.mjs in a zip with a valid CRC, readable by all', async () => {
    const entries = readZip(await readFile(built.zip))
    expect(entries.map((e) => e.name)).toEqual(['index.mjs'])
    expect(entries[0]!.crcOk).toBe(true)
    expect(entries[0]!.data.equals(await readFile(built.file))).toBe(true)
    expect(entries[0]!.mode & 0o777).toBe(0o644)
    const unzip = spawnSync('unzip', ['-t', built.zip], { encoding: 'utf8' })
    if (!unzip.error) expect(unzip.stdout).toContain('No errors detected')
  })

  it('builds the same zip twice, byte for byte', async () => {
    const again = await bundle({ entry: join(dir, 'entry.ts'), outDir: join(dir, 'again') })
    expect((await readFile(again.zip)).equals(await readFile(built.zip))).toBe(true)
  })

  it('leaves the AWS SDK to the Lambda runtime and targets nodejs24.x on request', async () => {
    await writeFile(join(dir, 'sdk.ts'), `import { SQSClient } from '@aws-sdk/client-sqs'\nexport const handler = async () => new SQSClient({}).config.region\n`)
    const result = await bundle({ entry: join(dir, 'sdk.ts'), outDir: join(dir, 'sdk'), runtime: 'nodejs24.x', minify: false })
    const code = await readFile(result.file, 'utf8')
    expect(code).toMatch(/from ["']@aws-sdk\/client-sqs["']/)
    expect(result.bytes).toBeLessThan(2000)
  })

  it('gives require() to a CommonJS dependency that calls it, and no require shim to a bundle without one', async () => {
    await writeFile(join(dir, 'legacy.cjs'), `const { basename } = require('node:path')\nmodule.exports = (p) => basename(p)\n`)
    await writeFile(join(dir, 'cjs.ts'), `import base from './legacy.cjs'\nexport const handler = async () => base('/a/b.txt')\n`)
    const cjs = await bundle({ entry: join(dir, 'cjs.ts'), outDir: join(dir, 'cjs') })
    expect(await readFile(cjs.file, 'utf8')).toContain('createRequire')
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(cjs.file).href)}); process.stdout.write(await handler())`
    expect(spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' }).stdout).toBe('b.txt')
    expect(await readFile(built.file, 'utf8')).not.toContain('createRequire')
  })

  it('refuses an entry without a handler export, and reports build errors with their location', async () => {
    await writeFile(join(dir, 'nohandler.ts'), 'export const main = () => 1\n')
    await expect(bundle({ entry: join(dir, 'nohandler.ts'), outDir: join(dir, 'x') })).rejects.toThrow(/must export `handler`/)
    await writeFile(join(dir, 'broken.ts'), 'export const handler = (\n')
    await expect(bundle({ entry: join(dir, 'broken.ts'), outDir: join(dir, 'y') })).rejects.toThrow(/esbuild failed:\n.*broken\.ts:\d+/)
  })
})

describeShared('bundle() with mParticle fixtures', () => {
  it('answers each Java SDK request fixture the same from the bundle and from the source', async () => {
    const events = ['EventProcessingRequest_ios.json', 'AudienceMembershipChangeRequest.json', 'DsrProcessingRequest.json'].flatMap((name) => {
      const fixture = javaFixture(name)
      return [fixture, httpApiEvent(JSON.stringify(fixture), {}, true)]
    })
    const fromBundle = await invokeInFreshProcess(built.file, events)
    expect(fromBundle).toEqual(await invokeSource(events))
    expect(fromBundle).toHaveLength(6)
  })
})

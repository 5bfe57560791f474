import { benchHandler } from './pipeline.js'
import { eventsText, floorResponse } from './messages.js'
import { median } from './harness.js'
import { loadSdk } from './sdk.js'

/**
 * Run as `node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 alloc-child.js <root> <events>`:
 * with a young generation that large, one call never triggers a GC, so the heap grows by exactly
 * what the call allocated (garbage included). Prints JSON: bytes allocated by the floor (parse +
 * minimal response) and by the pipeline (text in, response text out), medians of 15 calls each,
 * measured after a warm-up.
 */
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')
const [root, count] = process.argv.slice(2)
const sdk = await loadSdk('x', root)
const handler = benchHandler(sdk)
const message = eventsText(Number(count))
const context = () => ({ awsRequestId: 'alloc', getRemainingTimeInMillis: () => 60_000 }) as never
const texts = Array.from({ length: 40 }, () => message.next())
for (let i = 0; i < 20; i++) {
  floorResponse(JSON.parse(message.next()))
  JSON.stringify(await handler(JSON.parse(message.next()), context()))
}
const allocated = async (work: (text: string) => unknown): Promise<number> => {
  const sizes: number[] = []
  for (let i = 0; i < 15; i++) {
    const text = texts.pop()!
    gc()
    const before = process.memoryUsage().heapUsed
    await work(text)
    sizes.push(process.memoryUsage().heapUsed - before)
  }
  return median(sizes)
}
const floor = await allocated((text) => floorResponse(JSON.parse(text)))
const pipeline = await allocated(async (text) => JSON.stringify(await handler(JSON.parse(text), context())))
process.stdout.write(JSON.stringify({ bytes: message.bytes, floor, pipeline }))

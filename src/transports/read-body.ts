import type { IncomingMessage } from 'node:http'

export type BodyRead = { readonly outcome: 'complete'; readonly text: string } | { readonly outcome: 'too_large' } | { readonly outcome: 'aborted' }

/**
 * Reads a request body as UTF-8 text, keeping at most `maxBytes`: past the limit it stops keeping
 * chunks and settles `too_large` at once. A client that goes away first settles `aborted`.
 */
export const readBody = (request: IncomingMessage, maxBytes: number): Promise<BodyRead> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    let length = 0
    let settled = false
    const settle = (read: BodyRead): void => {
      if (settled) return
      settled = true
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onAborted)
      request.off('close', onAborted)
      chunks.length = 0
      resolve(read)
    }
    const onData = (chunk: Buffer): void => {
      length += chunk.length
      if (length > maxBytes) return settle({ outcome: 'too_large' })
      chunks.push(chunk)
    }
    const onEnd = (): void => {
      // One chunk (most bodies under 64 KB) is decoded as it is: no copy into a new buffer first.
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, length).toString('utf8')
      settle({ outcome: 'complete', text })
    }
    const onAborted = (): void => settle({ outcome: 'aborted' })
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onAborted)
    request.on('close', onAborted)
  })

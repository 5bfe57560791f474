import { FirehoseError, decodeError } from '../errors.js'
import { parseMessageText } from '../schema/exact.js'
import type { Problem } from '../schema/problem.js'

export const tooLarge = (maxBodyBytes: number): FirehoseError => new FirehoseError('too_large', `the body is larger than the limit of ${maxBodyBytes} bytes`)

/** The body as text, base64-decoded when flagged; refuses one over `maxBodyBytes` (counted in bytes). */
export const bodyText = (body: string, isBase64Encoded: boolean, maxBodyBytes: number): string => {
  if (isBase64Encoded) {
    // Decoded base64 is at most 3/4 of its text: refuse before allocating when that already exceeds the limit.
    if (Math.floor((body.length * 3) / 4) - 2 > maxBodyBytes) throw tooLarge(maxBodyBytes)
    const bytes = Buffer.from(body, 'base64')
    if (bytes.length > maxBodyBytes) throw tooLarge(maxBodyBytes)
    return bytes.toString('utf8')
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short bodies skip the byte count.
  if (body.length * 3 > maxBodyBytes && Buffer.byteLength(body, 'utf8') > maxBodyBytes) throw tooLarge(maxBodyBytes)
  return body
}

const positionOf = (error: unknown): string => {
  const match = error instanceof Error ? /at position (\d+)/.exec(error.message) : null
  return match ? ` (at character ${match[1]})` : ''
}

/**
 * The body parsed as JSON, or a decode error whose one problem sits at the root. The parser's own
 * message is not passed on: it can quote the body, which may hold personal data. int64 values
 * beyond 2^53 stay exact ({@link parseMessageText}).
 */
export const parseJsonBody = (text: string): unknown => {
  try {
    return parseMessageText(text)
  } catch (error) {
    const empty = text.trim() === ''
    const found = empty ? 'missing' : 'text that is not valid JSON'
    const issue: Problem = {
      path: '',
      expected: 'a JSON document',
      actual: empty ? 'missing' : 'text',
      message: `/: expected a JSON document, found ${found}${empty ? '' : positionOf(error)}`,
    }
    throw decodeError(empty ? 'the body is empty' : 'the body is not valid JSON', [issue])
  }
}

import { describe, expect, it } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import {
  compareInt64,
  decodeMessage,
  encodeMessage,
  instant,
  int64,
  INT64_KEYS,
  parseMessageText,
  stringifyMessage,
  type EventProcessingRequest,
  type DsrProcessingRequest,
  type ModuleRegistrationResponse,
} from '../../src/schema/index.js'
import { decoded, failed, paths } from './support.js'

const ID = '3f0c1a52-7d0e-4c59-9a3e-2a8f0e6b1c44'
const EVENT_ID = '9b2d6a70-1c3e-4f5a-8b7c-0d1e2f3a4b5c'
const batchText = (sessionId: string, extra = ''): string =>
  `{"type":"event_processing_request","id":"${ID}","timestamp_ms":1714592744066,"firehose_version":"3.2.0","account":{"account_id":7},` +
  `"events":[{"type":"session_start","id":"${EVENT_ID}","timestamp_ms":1714592744066,"session_id":${sessionId}${extra}}]}`

const roundTrip = (text: string): string => {
  const result = decodeMessage(parseMessageText(text), { mode: 'strict' })
  if (result._tag === 'Left') throw new Error(result.left.message)
  expect(result.right.problems).toEqual([])
  return stringifyMessage(encodeMessage(result.right.message))
}

describe('exact 64-bit integers (issue 12, finding 1)', () => {
  it('a session id beyond 2^53 reaches the handler as its exact text and is written back with the same digits', () => {
    // JSON.parse alone: 1250698897592480939 becomes 1250698897592481000
    expect(JSON.stringify(JSON.parse(batchText('1250698897592480939')))).not.toContain('1250698897592480939')
    const request = decoded(parseMessageText(batchText('1250698897592480939')), { mode: 'strict' }).message as EventProcessingRequest
    const event = request.events[0] as { session_id?: unknown }
    expect(event.session_id).toBe('1250698897592480939')
    expect(roundTrip(batchText('1250698897592480939'))).toContain('"session_id":1250698897592480939}')
  })

  it.each(['9223372036854775807', '-9223372036854775808', '9007199254740993', '-5843293867297574491'])('%s (inside Java’s long range) round-trips digit for digit', (digits) => {
    expect(roundTrip(batchText(digits))).toContain(`"session_id":${digits}}`)
  })

  it.each(['9223372036854775808', '-9223372036854775809', '99999999999999999999'])('strict mode rejects %s (outside Java’s long range) at its path, never quoting it', (digits) => {
    const failure = failed(parseMessageText(batchText(digits)), { mode: 'strict' })
    expect(paths(failure.problems)).toEqual(['/events/0/session_id'])
    expect(failure.problems[0]?.expected).toContain('in range')
    expect(JSON.stringify(failure)).not.toContain(digits)
  })

  it('timestamps and integer setting values beyond 2^53 are exact too', () => {
    const text = batchText('1', '').replace('"timestamp_ms":1714592744066,"session_id"', '"timestamp_ms":-7438152362570804715,"session_id"')
    expect(roundTrip(text)).toContain('"timestamp_ms":-7438152362570804715')
    const registration =
      `{"type":"module_registration_response","id":"${ID}","timestamp_ms":1,"firehose_version":"3.2.0","sdk_version":"3.2.0","name":"n","version":"1",` +
      `"event_processing_registration":{"account_settings":[{"type":"integer","id":"i","name":"I","visible":true,"default_value":9165911690409713433,"min_value":-9223372036854775808,"max_value":9223372036854775807,"required":false}],"max_data_age_hours":24}}`
    const response = decoded(parseMessageText(registration), { mode: 'strict' }).message as ModuleRegistrationResponse
    expect(response.event_processing_registration?.account_settings?.[0]).toMatchObject({ default_value: '9165911690409713433' })
    expect(roundTrip(registration)).toBe(registration)
  })

  it('leaves safe integers as numbers, and digits inside strings, decimals and escaped keys alone', () => {
    const request = parseMessageText(
      `{"a":{"session_id":9007199254740991,"x\\"session_id":12345678901234567890,"s":"\\"session_id\\":12345678901234567890","total_amount":12345678901234567890.5}}`,
    ) as { a: Record<string, unknown> }
    expect(request.a.session_id).toBe(9007199254740991)
    expect(typeof request.a['x"session_id']).toBe('number')
    expect(request.a.s).toBe('"session_id":12345678901234567890')
    expect(request.a.total_amount).toBe(1.2345678901234567e19)
  })

  it('finds long integers after whitespace around the colon, and leaves fractions, exponents and leading zeros alone', () => {
    const request = parseMessageText(
      `{"a":{"session_id" :\t-1250698897592480939 ,"timestamp_ms":\n 1250698897592480939,"min_value":12345678901234567890.5,"max_value":12345678901234567890e2,"default_value":1250698897592480939E0}}`,
    ) as { a: Record<string, unknown> }
    expect(request.a).toStrictEqual({
      session_id: '-1250698897592480939',
      timestamp_ms: '1250698897592480939',
      min_value: Number('12345678901234567890.5'),
      max_value: Number('12345678901234567890e2'),
      default_value: Number('1250698897592480939E0'),
    })
    expect(() => parseMessageText('{"session_id":01250698897592480939}')).toThrow(SyntaxError)
    const inStrings = '{"session_id":"1250698897592480939","x":"a\\"session_id\\":1250698897592480939"}'
    expect(parseMessageText(inStrings)).toStrictEqual(JSON.parse(inStrings))
  })

  it('throws what JSON.parse throws on text that is not JSON', () => {
    expect(() => parseMessageText('{"session_id":12345678901234567890')).toThrow(SyntaxError)
    expect(() => parseMessageText('')).toThrow(SyntaxError)
  })

  it('a map value at an int64 key stays a string and is written back as one', () => {
    const text = batchText('1').replace('"account":{"account_id":7}', '"account":{"account_id":7,"account_settings":{"session_id":"12345678901234567890"}}')
    expect(roundTrip(text)).toContain('"account_settings":{"session_id":"12345678901234567890"}')
  })

  describe('values already parsed as unsafe numbers (a direct Lambda invocation)', () => {
    const parsed = JSON.parse(batchText('1250698897592480939').replace('"timestamp_ms":1714592744066,"firehose', '"timestamp_ms":9165911690409713433,"firehose')) as unknown

    it.each(['lenient', 'strict'] as const)('%s: keeps them as they came and reports one problem naming every path, never a value', (mode) => {
      const { message, problems } = decoded(parsed, { mode })
      expect((message as EventProcessingRequest).events[0]).toMatchObject({ session_id: Number('1250698897592480939') })
      expect(message.timestamp_ms).toBe(Number('9165911690409713433'))
      expect(problems).toHaveLength(1)
      expect(problems[0]?.path).toBe('')
      expect(problems[0]?.message).toContain('/timestamp_ms, /events/0/session_id')
      expect(problems[0]?.message).not.toMatch(/\d{10,}/)
    })

    it('±2^63 as numbers are written back inside Java’s range', () => {
      expect(int64.encode(2 ** 63)).toBe('9223372036854775807')
      expect(int64.encode(-(2 ** 63))).toBe('-9223372036854775808')
      const text = stringifyMessage(encodeMessage(decoded(JSON.parse(batchText('9223372036854775807')), { mode: 'strict' }).message))
      expect(text).toContain('"session_id":9223372036854775807}')
    })
  })

  it('compareInt64 orders numbers and exact text exactly', () => {
    expect(['9223372036854775807', 5, '-9223372036854775808', '9007199254740993', 9007199254740991].sort(compareInt64 as (a: unknown, b: unknown) => number)).toEqual([
      '-9223372036854775808',
      5,
      9007199254740991,
      '9007199254740993',
      '9223372036854775807',
    ])
  })

  // strings and keys that look like int64 pairs, to tempt the scan
  const tempting = fc.constantFrom('session_id', 'timestamp_ms', '"session_id":12345678901234567890', 'x\\"session_id', '_id"', 'a\\', '12345678901234567890')
  // A double beyond 2^53 with no fraction is written as plain digits: a long integer in the text.
  const longInText = (d: number): boolean => Number.isInteger(d) && !Number.isSafeInteger(d) && Math.abs(d) < 1e21
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      tempting,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !longInText(d)),
      fc.boolean(),
      fc.constant(null),
      tie('array'),
      tie('object'),
    ),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(fc.oneof(fc.string(), tempting), tie('value'), { maxKeys: 4 }),
  })).value

  test.prop([json])('on text with no long integer at an int64 key, parseMessageText is JSON.parse', (value) => {
    const text = JSON.stringify(value)
    expect(parseMessageText(text)).toStrictEqual(JSON.parse(text))
  })

  // Java longs anywhere in a document, several per text: at an int64 key one beyond 2^53 arrives as
  // its digits, anywhere else it is JSON.parse's number.
  const long = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
  const withLongs = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, long, long, fc.string(), tempting, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(fc.oneof(fc.constantFrom(...INT64_KEYS), fc.string(), tempting), tie('value'), { maxKeys: 5 }),
  })).value
  const textOf = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `\u0001${v}\u0001` : v)).replace(/"\\u0001(-?\d+)\\u0001"/g, '$1')
  const expected = (value: unknown, key?: string): unknown => {
    if (typeof value === 'bigint') return key !== undefined && INT64_KEYS.includes(key) && !Number.isSafeInteger(Number(value)) ? String(value) : Number(value)
    if (Array.isArray(value)) return value.map((item) => expected(item))
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v, k)]))
    // JSON text has no negative zero: JSON.stringify(-0) is "0".
    if (Object.is(value, -0)) return 0
    // A double beyond 2^53 with no fraction is written as plain digits (below 1e21; from there with
    // an exponent): in the text it is a long like any other.
    if (typeof value === 'number' && key !== undefined && INT64_KEYS.includes(key) && longInText(value)) return String(value)
    return value
  }

  it('a negative zero in the generated value is the 0 its text carries (CI seed -1384786063)', () => {
    expect(parseMessageText(textOf([-0]))).toStrictEqual(expected([-0]))
  })

  it('a generated double of 2^53 at an int64 key is a long in its text (CI seed 1912458791)', () => {
    const value = [{ timestamp_ms: 2 ** 53 }, { timestamp_ms: 1e21 }, { timestamp_ms: 2 ** 53 - 1 }]
    expect(parseMessageText(textOf(value))).toStrictEqual([{ timestamp_ms: '9007199254740992' }, { timestamp_ms: 1e21 }, { timestamp_ms: 2 ** 53 - 1 }])
    expect(parseMessageText(textOf(value))).toStrictEqual(expected(value))
  })

  test.prop([withLongs])('long integers at int64 keys arrive as their digits, wherever and however many they are', (value) => {
    expect(parseMessageText(textOf(value))).toStrictEqual(expected(value))
  })

  test.prop([withLongs, fc.constantFrom(1, 2, '\t', ' \r\n')])('the same on indented text', (value, indent) => {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `\u0001${v}\u0001` : v), indent).replace(/"\\u0001(-?\d+)\\u0001"/g, '$1')
    expect(parseMessageText(text)).toStrictEqual(expected(value))
  })

  test.prop([fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })])('every Java long survives parse → decode → encode → stringify', (value) => {
    expect(roundTrip(batchText(value.toString()))).toContain(`"session_id":${value.toString()}}`)
  })
})

describe('DSR submitted_time as Java writes and reads it (finding 4)', () => {
  const dsr = (submitted: string): string =>
    `{"type":"dsr_processing_request","id":"${ID}","timestamp_ms":1,"firehose_version":"3.2.0","account":{"account_id":1},"submitted_time":${submitted}}`
  const read = (submitted: string): number | undefined => (decoded(parseMessageText(dsr(submitted)), { mode: 'strict' }).message as DsrProcessingRequest).submitted_time

  it.each([
    ['1714592744.067235000', Date.parse('2024-05-01T19:45:44.067Z')],
    ['1714592744.000000000', Date.parse('2024-05-01T19:45:44.000Z')],
    ['-1.500000000', Date.parse('1969-12-31T23:59:59.500Z')],
    ['-0.5', -500],
    ['-51457672.986481816', -51457672 * 1000 + 986],
    ['-0.000000001', -1],
    ['0.0', 0],
    ['253402300799.999999999', Date.parse('9999-12-31T23:59:59.999Z')],
    ['"2021-11-01T15:00:00Z"', Date.parse('2021-11-01T15:00:00Z')],
  ])('%s is the instant Java reads (to the millisecond, toward the past)', (text, ms) => {
    expect(read(text)).toBe(ms)
  })

  it('year 9999 does not round up into a form the strict decoder rejects', () => {
    const text = stringifyMessage(encodeMessage(decoded(parseMessageText(dsr('253402300799.999999999')), { mode: 'strict' }).message))
    expect(text).toContain('"submitted_time":"9999-12-31T23:59:59.999Z"')
    expect(decoded(parseMessageText(text), { mode: 'strict' }).problems).toEqual([])
  })

  it.each([-62167219200001, -8.64e15, 8.64e15, -500, 0, 253402300799999, 253402300800000])(
    '%d ms is written in a form Java and the strict decoder both read back to the same instant',
    (ms) => {
      const encoded = instant.encode(ms)
      const text = stringifyMessage(encodeMessage({ ...(decoded(parseMessageText(dsr('0.0'))).message as DsrProcessingRequest), submitted_time: ms }))
      expect(typeof encoded === 'string' && /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z|-?\d+\.\d{9})$/.test(encoded)).toBe(true)
      expect(read(/"submitted_time":("[^"]*"|[-\d.]+)/.exec(text)![1]!)).toBe(ms)
    },
  )

  it('a number already parsed (direct invocation) is read through its shortest text', () => {
    expect((decoded(JSON.parse(dsr('-1.500000000')), { mode: 'strict' }).message as DsrProcessingRequest).submitted_time).toBe(-500)
    expect((decoded(JSON.parse(dsr('1714592744.067235000')), { mode: 'strict' }).message as DsrProcessingRequest).submitted_time).toBe(1714592744067)
  })
})

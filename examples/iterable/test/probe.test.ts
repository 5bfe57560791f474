import { it, expect } from 'vitest'
import { firehose } from 'firehose-kit'
import { customEvent } from 'firehose-kit/testing'
it('resolves', () => { expect(typeof firehose).toBe('function'); expect(customEvent().type).toBe('custom_event') })

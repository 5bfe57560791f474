import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { pipeline } from '../../middlewares/pipeline.js'

// firehose-kit runs middy's request lifecycle itself (src/core/execution-mode.ts, without middy's
// per-request AbortController): the same middlewares must see the same steps as under middy's own.
type Step = { before?: (r: any) => unknown; after?: (r: any) => unknown; onError?: (r: any) => unknown }

const both = (base: (event: unknown) => unknown, steps: Step[]) => {
  const ours = pipeline((request) => base(request.event) as never)
  const theirs = middy((event: unknown) => base(event) as never, { timeoutEarlyInMillis: 0 })
  for (const step of steps) {
    ours.use(step as never)
    theirs.use(step as never)
  }
  const settle = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
  return async (event: unknown) => [await settle(ours(event, {} as never)), await settle(theirs(event, {} as never))] as const
}

describe('firehose-kit runs middy’s request lifecycle', () => {
  it('befores in order, the base handler, afters in reverse', async () => {
    const seen: string[] = []
    const run = both(
      (event) => (seen.push(`base:${String(event)}`), 'answer'),
      [
        { before: () => void seen.push('b1'), after: (r) => void seen.push(`a1:${r.response}`) },
        { before: () => void seen.push('b2'), after: (r) => void (r.response = `${r.response}!`) },
      ],
    )
    const [ours, theirs] = await run('e')
    expect(ours).toEqual(theirs)
    expect(ours).toEqual({ value: 'answer!' })
    expect(seen).toEqual(['b1', 'b2', 'base:e', 'a1:answer!', 'b1', 'b2', 'base:e', 'a1:answer!'])
  })

  it('a before that returns a value answers early', async () => {
    const run = both(
      () => 'never',
      [
        { before: () => 'early' },
        {
          before: () => {
            throw new Error('not reached')
          },
        },
      ],
    )
    const [ours, theirs] = await run('e')
    expect(ours).toEqual(theirs)
    expect(ours).toEqual({ value: 'early' })
  })

  it('a throw reaches the onErrors, which may answer', async () => {
    const run = both(() => {
      throw new Error('boom')
    }, [{ onError: (r) => void (r.response = `handled ${(r.error as Error).message}`) }])
    const [ours, theirs] = await run('e')
    expect(ours).toEqual(theirs)
    expect(ours).toEqual({ value: 'handled boom' })
  })

  it('an unhandled throw rejects; an onError throwing another error keeps the first as its cause', async () => {
    const plain = both(() => {
      throw new Error('boom')
    }, [{ onError: () => undefined }])
    const [a, b] = await plain('e')
    expect((a as { error: Error }).error.message).toBe('boom')
    expect((b as { error: Error }).error.message).toBe('boom')
    const rethrow = both(() => {
      throw new Error('first')
    }, [
      {
        onError: () => {
          throw new Error('second')
        },
      },
    ])
    const [ours, theirs] = (await rethrow('e')) as unknown as [{ error: Error & { cause?: Error } }, { error: Error & { cause?: Error } }]
    expect(ours.error.message).toBe('second')
    expect(ours.error.cause?.message).toBe(theirs.error.cause?.message)
    expect(ours.error.cause?.message).toBe('first')
  })
})

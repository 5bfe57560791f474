import { it } from 'vitest'
import { audienceSubscription, eventBatch, invoke, customEvent, dsrRequest } from 'firehose-kit/testing'
import { acme, settings } from './support.js'
it('probe', async () => {
  const a = acme([{ status: 201, json: { id: 77 } }])
  console.log(JSON.stringify(await invoke(a.handler, audienceSubscription({ settings }))))
  const b = acme()
  const r = await invoke(b.handler, eventBatch({ events: [customEvent()], settings: {} }))
  console.log(JSON.stringify(r), r.ok ? '' : r.error.kind, b.api.requests.length, b.logger.lines)
  const c = acme([{ status: 429, headers: { 'retry-after': '30' } }])
  const s = await invoke(c.handler, eventBatch({ events: [customEvent()], settings }))
  console.log(s.ok ? '' : [s.error.kind, s.error.retryAfterMs, s.error.message])
  const h = await invoke(c.handler, eventBatch({ events: [customEvent()], settings }), { via: 'http', token: 'test-token' })
  console.log(JSON.stringify(h))
  const d = acme([{ status: 500 }, { status: 500 }, { status: 500 }])
  const ds = await invoke(d.handler, dsrRequest({ settings }))
  console.log(ds.ok ? '' : [ds.error.kind, ds.error.message], d.logger.lines)
})

import { judgeAnswer, placeholderHint, worst, type Verdict } from '../answers.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { Check } from '../types.js'

const settingsOf = (response: unknown): Record<string, string> => {
  const settings = (response as { audience_subscription_settings?: unknown } | undefined)?.audience_subscription_settings
  return typeof settings === 'object' && settings !== null ? (settings as Record<string, string>) : {}
}

/** Connect, update and disconnect an audience and change its members, as mParticle does; subscription settings the endpoint returns must have been declared. */
export const audiencesCheck: Check = {
  id: 'audiences',
  title: 'Audience subscriptions and membership',
  async run({ endpoint, messages, declaration }) {
    if (declaration.audiences === undefined) return { status: 'skip', why: 'The registration declares no audience processing.', details: [] }
    const verdicts: Verdict[] = []
    const added = await endpoint.send(JSON.stringify(messages.subscription('add')))
    verdicts.push(judgeAnswer('subscription add', added, RESPONSE_TYPE.subscription))
    const returned = settingsOf(added.response)
    const undeclared = Object.keys(returned).filter((key) => !declaration.audiences!.subscriptionSettings.includes(key))
    if (undeclared.length > 0)
      verdicts.push({ status: 'fail', line: `subscription settings returned but not declared in audience_subscription_settings: ${undeclared.join(', ')}` })
    const membership = await endpoint.send(JSON.stringify(messages.membership(returned)))
    verdicts.push(judgeAnswer('membership change (add and delete)', membership, RESPONSE_TYPE.membership))
    const updated = await endpoint.send(JSON.stringify(messages.subscription('update', returned)))
    verdicts.push(judgeAnswer('subscription update', updated, RESPONSE_TYPE.subscription))
    const removed = await endpoint.send(JSON.stringify(messages.subscription('remove', returned)))
    verdicts.push(judgeAnswer('subscription remove', removed, RESPONSE_TYPE.subscription))
    const status = worst(verdicts)
    const details = verdicts.map((v) => v.line)
    if (status === 'fail') {
      return {
        status,
        why: `An audience request was not answered properly: ${verdicts.find((v) => v.status === 'fail')!.line}.`,
        fix: 'Answer audience_subscription_request (add, update, remove) with audience_subscription_response, returning only declared subscription settings, and audience_membership_change_request with audience_membership_change_response.',
        details,
      }
    }
    if (status === 'warn') return { status, why: 'Every audience request was answered, but the integration refused some (see details).', fix: placeholderHint(endpoint), details }
    return { status, why: 'Subscription add, update and remove and a membership change were answered with valid responses.', details }
  },
}

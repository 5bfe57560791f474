import { describeAnswer, isRefusedAuth } from '../answers.js'
import type { Check } from '../types.js'

/** Over HTTP, only mParticle (which holds the token) may deliver data: without it or with a wrong one, 401 or 403. */
export const authCheck: Check = {
  id: 'auth',
  title: 'Authentication',
  async run({ endpoint, messages }) {
    if (endpoint.via === 'module') {
      return { status: 'skip', why: "A direct Lambda invocation carries no token: IAM (the function alias's resource policy for mParticle's accounts) guards it.", details: [] }
    }
    const details: string[] = []
    const failures: string[] = []
    let refusedToken = false
    for (const kind of messages.kinds) {
      const type = messages.message(kind).type as string
      for (const credential of ['none', 'wrong'] as const) {
        const answer = await endpoint.send(JSON.stringify(messages.message(kind)), credential)
        const label = `${type} ${credential === 'none' ? 'without a token' : 'with a wrong token'}: ${describeAnswer(answer)}`
        details.push(label)
        if (!isRefusedAuth(answer)) failures.push(label)
      }
      const answer = await endpoint.send(JSON.stringify(messages.message(kind)), 'token')
      const label = `${type} with the token: ${describeAnswer(answer)}`
      details.push(label)
      if (isRefusedAuth(answer) || answer.kind === 'unreachable') {
        failures.push(label)
        refusedToken ||= isRefusedAuth(answer)
      }
    }
    if (failures.length > 0) {
      const open = failures.find((line) => !line.includes('with the token'))
      return {
        status: 'fail',
        why: open
          ? `A request without the right token was not refused with 401 or 403 (${open}): anyone who finds the URL can send data.`
          : `The token was refused (${failures[0]}).`,
        fix: open
          ? 'Check "Authorization: Token <token>" on every request but module_registration_request, in constant time, and answer 401 when it is missing or wrong (firehose() does, with FIREHOSE_TOKENS or options.auth).'
          : refusedToken
            ? 'Pass the token the endpoint accepts with --token (default: the first of FIREHOSE_TOKENS, else "dev").'
            : 'Make the endpoint answer requests that carry the token.',
        details,
      }
    }
    return { status: 'pass', why: 'Refused without a token and with a wrong one (401/403); accepted with the token.', details }
  },
}

import { describeAnswer, isAccepted, isRefusedAuth, responseProblems } from '../answers.js'
import { declarationOf, describeDeclaration, type Declaration } from '../declaration.js'
import type { Endpoint } from '../endpoint.js'
import type { MessageFactory } from '../messages.js'
import { RESPONSE_TYPE } from '../messages.js'
import type { CheckOutcome } from '../types.js'

export const registrationCheck = { id: 'registration', title: 'Registration without a token' } as const

const isRegistration = (body: unknown): boolean => (body as { type?: unknown } | undefined)?.type === RESPONSE_TYPE.registration

/**
 * mParticle calls the registration endpoint before any token exists, decodes the answer and shows
 * it to customers. Every later check uses what it declares. Behind auth, the check asks again with
 * the token so that the later checks still run.
 */
export const runRegistration = async (endpoint: Endpoint, messages: Pick<MessageFactory, 'registration'>): Promise<{ outcome: CheckOutcome; declaration?: Declaration }> => {
  const bare = await endpoint.send(JSON.stringify(messages.registration()), 'none')
  const details = [`${endpoint.via === 'http' ? 'without a token' : 'direct invocation'}: ${describeAnswer(bare)}`]
  if (isRefusedAuth(bare)) {
    const retried = await endpoint.send(JSON.stringify(messages.registration()), 'token')
    details.push(`with the token: ${describeAnswer(retried)}`)
    return {
      outcome: {
        status: 'fail',
        why: `The registration request was refused without a token (HTTP ${bare.status}); mParticle calls it before a token exists, so the integration cannot be set up.`,
        fix: 'Answer module_registration_request before checking Authorization (firehose() does: registration stays open).',
        details,
      },
      ...(isAccepted(retried) && isRegistration(retried.response) ? { declaration: declarationOf(retried.response) } : {}),
    }
  }
  if (!isAccepted(bare)) {
    return {
      outcome: {
        status: 'fail',
        why: `The registration request was not answered with a registration response (${describeAnswer(bare)}).`,
        fix: 'Answer module_registration_request with 200 and a module_registration_response naming the integration and what it supports.',
        details,
      },
    }
  }
  const problems = responseProblems(bare.response, RESPONSE_TYPE.registration)
  const declaration = isRegistration(bare.response) ? declarationOf(bare.response) : undefined
  details.push(...problems)
  if (declaration !== undefined) details.push(`declares: ${describeDeclaration(declaration)}`)
  if (problems.length > 0) {
    return {
      outcome: {
        status: 'fail',
        why: `The registration response does not decode in strict mode: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`,
        fix: 'Send a module_registration_response with a UUID id, timestamp_ms, firehose_version, a non-empty name and version, and valid registrations (`firehose registration <module>` prints one checked with the strict codec).',
        details,
      },
      ...(declaration ? { declaration } : {}),
    }
  }
  if (declaration === undefined || describeDeclaration(declaration) === 'nothing') {
    return {
      outcome: {
        status: 'fail',
        why: 'The registration declares no event, audience or DSR processing: mParticle would send it nothing.',
        fix: 'Add event_processing_registration, audience_processing_registration or dsr_processing_registration to the response.',
        details,
      },
      ...(declaration ? { declaration } : {}),
    }
  }
  return {
    outcome: {
      status: 'pass',
      why: `Answered${endpoint.via === 'http' ? ' without a token' : ''}, valid in strict mode: ${[declaration.name, declaration.version].filter(Boolean).join(' ')} declares ${describeDeclaration(declaration)}.`,
      details,
    },
    declaration,
  }
}

import type { MaybePromise } from '../core/maybe-async.js'
import { budgetTransportOf } from '../core/transport-budget.js'
import type { DispatchResult } from '../core/outcome.js'
import type { BatchPlan, FirehoseRequest } from '../core/state.js'
import { FirehoseError } from '../errors.js'
import type { Message } from '../schema/index.js'
import { audienceMembershipDispatcher } from './audience-membership.js'
import { audienceSubscriptionDispatcher } from './audience-subscription.js'
import { dsrDispatcher } from './dsr.js'
import { eventsDispatcher } from './events.js'
import { startJob, type DispatchSetup, type Job } from './job.js'
import { registrationDispatcher } from './registration.js'

export type { DispatchSetup, Job } from './job.js'

type RequestOf<T extends Message['type']> = Extract<Message, { type: T }>

/** Calls the partner's functions for one kind of request and reports what became of each item. */
export type Dispatcher<M extends Message> = (message: M, job: Job, plan: BatchPlan | undefined) => MaybePromise<DispatchResult>

/** One dispatcher per request type: the table a base handler looks the message up in. */
export interface Dispatchers {
  readonly event_processing_request: Dispatcher<RequestOf<'event_processing_request'>>
  readonly audience_membership_change_request: Dispatcher<RequestOf<'audience_membership_change_request'>>
  readonly audience_subscription_request: Dispatcher<RequestOf<'audience_subscription_request'>>
  readonly dsr_processing_request: Dispatcher<RequestOf<'dsr_processing_request'>>
}

export const DISPATCHERS: Dispatchers = {
  event_processing_request: eventsDispatcher,
  audience_membership_change_request: audienceMembershipDispatcher,
  audience_subscription_request: audienceSubscriptionDispatcher,
  dsr_processing_request: dsrDispatcher,
}

/** The pipeline's base handler: hands the decoded, validated message to its type's dispatcher. */
export type BaseHandler = (request: FirehoseRequest) => MaybePromise<DispatchResult>

export const createBaseHandler = (setup: DispatchSetup, dispatchers: Dispatchers = DISPATCHERS): BaseHandler => {
  const registration = registrationDispatcher(setup.definition)
  return (request) => {
    const state = request.internal.firehose
    const message = state?.decoded?.message
    const admitted = state?.admitted
    if (state === undefined || message === undefined || admitted === undefined) {
      throw new FirehoseError('decode', 'dispatch needs the decode and validate middlewares before it')
    }
    if (message.type === 'module_registration_request') return registration()
    if (admitted.verification) return { items: [] }
    const dispatcher = dispatchers[message.type as keyof Dispatchers] as Dispatcher<Message> | undefined
    if (dispatcher === undefined) return { items: [] }
    const job = startJob(setup, message, admitted, state.raw, request.context, budgetTransportOf(state.arrival, request.context))
    let disposeNow = true
    try {
      const result = dispatcher(message, job, state.plan)
      if (!(result instanceof Promise)) return result
      disposeNow = false
      return result.finally(job.deadline.dispose)
    } finally {
      if (disposeNow) job.deadline.dispose()
    }
  }
}

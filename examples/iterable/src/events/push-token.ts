import * as E from 'fp-ts/lib/Either.js'
import type { EventProcessingRequest, PushSubscriptionEvent } from 'firehose-kit/schema'
import { PATHS } from '../iterable-client.js'
import type { Mapping } from './mapping.js'

export interface PushIntegrationNames {
  readonly gcmIntegrationName?: string
  readonly apnsProdIntegrationName?: string
  readonly apnsSandboxIntegrationName?: string
}

/** The Iterable mobile SDK registers tokens and tracks opens itself when it is in the app. */
export const hasIterableSdk = (request: EventProcessingRequest): boolean => typeof request.integration_attributes?.['Iterable.sdkVersion'] === 'string'

const device = (request: EventProcessingRequest, names: PushIntegrationNames): { platform: string; applicationName?: string } | undefined => {
  const runtime = request.runtime_environment
  if (runtime?.type === 'ios') {
    return runtime.is_sandboxed === true
      ? { platform: 'APNS_SANDBOX', applicationName: names.apnsSandboxIntegrationName }
      : { platform: 'APNS', applicationName: names.apnsProdIntegrationName }
  }
  if (runtime?.type === 'android') return { platform: 'GCM', applicationName: names.gcmIntegrationName }
  return undefined
}

/** `users/registerDeviceToken` with the user's email only and `preferUserId: false`. */
export const deviceTokenCall = (event: PushSubscriptionEvent, request: EventProcessingRequest, email: string, names: PushIntegrationNames): Mapping => {
  if (hasIterableSdk(request)) return E.right({ noCall: 'the Iterable SDK registers push tokens itself' })
  if (event.action === 'unsubscribe') return E.right({ noCall: 'push unsubscribe' })
  const target = device(request, names)
  if (target === undefined) return E.right({ noCall: `no push platform for runtime ${request.runtime_environment?.type ?? 'none'}` })
  const { platform, applicationName } = target
  return E.right({
    path: PATHS.registerDeviceToken,
    body: { email, device: { token: event.token, platform, ...(applicationName !== undefined ? { applicationName } : {}) }, preferUserId: false },
  })
}

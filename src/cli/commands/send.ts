import { existsSync } from 'node:fs'
import { registrationRequest } from '../../testing/builders.js'
import { tokensFromEnv } from '../../core/tokens.js'
import { parse, positionals, stringOption, type Parsed } from '../args.js'
import { CliError, EXIT, UsageError, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { pathIn, type CliIo } from '../io.js'
import { json, print } from '../output.js'
import { parseJson, readText } from '../read-json.js'
import { declaredSettingIds, isSampleName, sample, SAMPLE_NAMES } from '../samples.js'
import { createTarget, isUrl, type Delivery, type Target } from '../target.js'

export const defaultUrl = (env: NodeJS.ProcessEnv): string => `http://127.0.0.1:${env.PORT || 8080}`
export const defaultToken = (env: NodeJS.ProcessEnv): string => tokensFromEnv(env)[0] ?? 'dev'

/** `--setting id=value` (repeatable), as `send` and `check` take it. */
export const settingOverrides = (parsed: Parsed): Record<string, string> => {
  const given = parsed.values.setting as string[] | undefined
  const overrides: Record<string, string> = {}
  for (const pair of given ?? []) {
    const at = pair.indexOf('=')
    if (at < 1) throw new UsageError(`--setting takes id=value, got ${JSON.stringify(pair)}`)
    overrides[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return overrides
}

/** The target's registration response, so a sample gets settings it accepts; nothing when it has none to give. */
const registrationOf = async (target: Target): Promise<unknown> => {
  const delivery = await target.deliver(JSON.stringify(registrationRequest()))
  return delivery.kind === 'delivered' ? delivery.response : undefined
}

const messageText = async (input: string, target: Target, overrides: Record<string, string>, io: CliIo): Promise<string> => {
  const path = pathIn(io, input)
  if (existsSync(path)) {
    const text = await readText(path, input)
    parseJson(text, input)
    return text
  }
  if (!isSampleName(input)) throw new CliError(`file not found: ${input} (nor is it a sample: ${SAMPLE_NAMES.join(', ')})`)
  const registration = input === 'registration' ? undefined : await registrationOf(target)
  if (registration !== undefined) {
    const known = declaredSettingIds(registration)
    const unknown = Object.keys(overrides).filter((id) => !known.includes(id))
    if (unknown.length > 0) {
      const named = unknown.map((id) => JSON.stringify(id)).join(', ')
      throw new UsageError(
        `--setting ${named}: not ${unknown.length === 1 ? 'a setting' : 'settings'} of this integration; its settings: ${known.length > 0 ? known.join(', ') : 'none'}`,
      )
    }
  }
  return JSON.stringify(sample(input, registration, overrides))
}

const describe = (text: string): string => {
  const message = JSON.parse(text) as { type?: unknown; id?: unknown }
  return `${typeof message.type === 'string' ? message.type : 'message'}${typeof message.id === 'string' ? ` ${message.id}` : ''}`
}

const report = (delivery: Delivery, target: Target, io: CliIo): void => {
  const status = delivery.status === undefined ? '' : ` · HTTP ${delivery.status}`
  const budget = delivery.latencyMs > target.budgetMs ? `over the ${target.budgetMs} ms budget` : `budget ${target.budgetMs} ms`
  print(io, `${delivery.kind}${status} · ${delivery.latencyMs} ms (${budget})`)
  if (delivery.reason !== undefined) print(io, `reason: ${delivery.reason}`)
  if (delivery.calls !== undefined) {
    print(io, delivery.calls.length === 0 ? 'partner calls: none' : 'partner calls:')
    for (const call of delivery.calls) print(io, `  ${call.method} ${call.target} → ${call.status ?? call.error} (${call.mocked ? 'mocked' : `${call.ms} ms`})`)
  }
  if (delivery.response !== undefined) print(io, `response:\n${json(delivery.response)}`)
}

export const send = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, {
    to: { type: 'string' },
    token: { type: 'string' },
    setting: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    'mock-partner': { type: 'boolean' },
  })
  if (parsed.values.help) return showHelp('send', io)
  const [input] = positionals(parsed, ['file|sample'])
  const overrides = settingOverrides(parsed)
  const to = stringOption(parsed, 'to') ?? defaultUrl(io.env)
  if (parsed.values['mock-partner'] && isUrl(to)) throw new UsageError('--mock-partner needs a module target: a server makes its own partner calls')
  const target = await createTarget(to, io, {
    token: stringOption(parsed, 'token') ?? defaultToken(io.env),
    quiet: parsed.values.quiet === true,
    mockPartner: parsed.values['mock-partner'] === true,
  })
  const text = await messageText(input!, target, overrides, io)
  const delivery = await target.deliver(text)
  if (parsed.values.json) {
    print(io, json({ to: target.label, via: target.via, budgetMs: target.budgetMs, ...delivery }))
  } else {
    print(io, `${describe(text)} → ${target.label}`)
    report(delivery, target, io)
  }
  return delivery.kind === 'delivered' ? EXIT.ok : EXIT.failure
}

import * as E from 'fp-ts/lib/Either.js'
import { decodeMessage } from '../../schema/index.js'
import { registrationRequest } from '../../testing/builders.js'
import { parse, positionals } from '../args.js'
import { CliError, EXIT, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { json, note, print } from '../output.js'
import { createTarget } from '../target.js'

export const registration = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, {})
  if (parsed.values.help) return showHelp('registration', io)
  const [module] = positionals(parsed, ['module'])
  const target = await createTarget(module!, io)
  const delivery = await target.deliver(JSON.stringify(registrationRequest()))
  if (delivery.kind !== 'delivered') throw new CliError(`the handler did not answer the registration request (${delivery.kind}${delivery.reason ? `: ${delivery.reason}` : ''})`)

  const decoded = decodeMessage(delivery.response, { mode: 'strict' })
  if (E.isLeft(decoded)) {
    note(io, `the registration response does not decode: ${decoded.left.message}`)
    for (const problem of decoded.left.problems) note(io, `  ${problem.path || '/'}: expected ${problem.expected}, found ${problem.actual}`)
    return EXIT.failure
  }
  if (decoded.right.message.type !== 'module_registration_response') {
    throw new CliError(`the handler answered a registration request with a ${decoded.right.message.type}`)
  }
  print(io, json(delivery.response))
  return EXIT.ok
}

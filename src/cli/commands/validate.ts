import * as E from 'fp-ts/lib/Either.js'
import { decodeMessage } from '../../schema/index.js'
import { parse, positionals } from '../args.js'
import { EXIT, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { pathIn, type CliIo } from '../io.js'
import { json, print } from '../output.js'
import { parseJson, readText } from '../read-json.js'

export const validate = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, { lenient: { type: 'boolean' }, json: { type: 'boolean' } })
  if (parsed.values.help) return showHelp('validate', io)
  const [file] = positionals(parsed, ['file'])
  const mode = parsed.values.lenient ? 'lenient' : 'strict'
  const message = parseJson(await readText(pathIn(io, file!), file!), file!)
  const result = decodeMessage(message, { mode })
  const valid = E.isRight(result)
  const problems = E.isRight(result) ? result.right.problems : result.left.problems
  const type = E.isRight(result) ? result.right.message.type : (message as { type?: unknown } | null)?.type

  if (parsed.values.json) {
    print(io, json({ valid, mode, type: typeof type === 'string' ? type : null, problems }))
  } else {
    const label = typeof type === 'string' ? type : 'message'
    if (valid) print(io, problems.length === 0 ? `valid ${label} (${mode})` : `valid ${label} (${mode}), tolerating ${problems.length} problem${problems.length === 1 ? '' : 's'}:`)
    else print(io, `invalid ${label} (${mode}): ${problems.length} problem${problems.length === 1 ? '' : 's'}`)
    for (const problem of problems) print(io, `  ${problem.path || '/'}: expected ${problem.expected}, found ${problem.actual}`)
  }
  return valid ? EXIT.ok : EXIT.failure
}

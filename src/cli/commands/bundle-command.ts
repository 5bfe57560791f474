import { bundle as bundleIntegration, type LambdaNodeRuntime } from '../bundle.js'
import { parse, positionals, stringOption } from '../args.js'
import { CliError, EXIT, UsageError, type ExitCode } from '../cli-error.js'
import { showHelp } from '../help.js'
import { pathIn, type CliIo } from '../io.js'
import { modulePath } from '../load-module.js'
import { displayPath, print } from '../output.js'

const RUNTIMES: ReadonlyArray<LambdaNodeRuntime> = ['nodejs22.x', 'nodejs24.x']

export const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`

export const bundleCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const parsed = parse(argv, { out: { type: 'string' }, runtime: { type: 'string' } })
  if (parsed.values.help) return showHelp('bundle', io)
  const [module] = positionals(parsed, ['module'])
  const runtime = stringOption(parsed, 'runtime') ?? 'nodejs22.x'
  if (!RUNTIMES.includes(runtime as LambdaNodeRuntime)) throw new UsageError(`--runtime must be one of ${RUNTIMES.join(', ')}, got ${JSON.stringify(runtime)}`)
  const entry = modulePath(module!, io.cwd)
  const outDir = pathIn(io, stringOption(parsed, 'out') ?? 'dist/lambda')
  const result = await bundleIntegration({ entry, outDir, runtime: runtime as LambdaNodeRuntime }).catch((error: Error) => {
    throw new CliError(error.message)
  })
  print(io, `bundled ${module} for ${runtime}`)
  print(io, `  ${displayPath(io, result.file)}  ${formatBytes(result.bytes)}`)
  print(io, `  ${displayPath(io, result.zip)}  ${formatBytes(result.zipBytes)}  (handler: index.handler)`)
  return EXIT.ok
}

import { mkdir, writeFile, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { optionalPeer } from './optional-peer.js'
import type { Plugin } from 'esbuild'
import { arrowsToFunctions } from './arrows-to-functions.js'
import { zip } from './zip.js'

export type LambdaNodeRuntime = 'nodejs22.x' | 'nodejs24.x'

export interface BundleOptions {
  /** The integration's entry file; it must export `handler` (Lambda's `index.handler`). */
  readonly entry: string
  readonly outDir: string
  /** Default `nodejs22.x`. */
  readonly runtime?: LambdaNodeRuntime
  /** Default true: a smaller file loads faster on a cold start. */
  readonly minify?: boolean
  /**
   * Keep function and class names through minification, so stack traces name functions (each
   * function gets a `name` assignment: about 6 KB, 7%, on the quickstart). Default false: the
   * smallest bundle; stack traces show minified names.
   */
  readonly keepNames?: boolean
  /** Extra package.json export conditions to resolve with (for example `source` inside a monorepo). */
  readonly conditions?: ReadonlyArray<string>
}

export interface BundleResult {
  /** `<outDir>/index.mjs`. */
  readonly file: string
  /** `<outDir>/function.zip`, holding `index.mjs`, ready for Lambda (or a SAM `CodeUri`). */
  readonly zip: string
  readonly bytes: number
  readonly zipBytes: number
}

const targets: Record<LambdaNodeRuntime, string> = { 'nodejs22.x': 'node22', 'nodejs24.x': 'node24' }

/**
 * CommonJS dependencies that call require() need it in an ES module too. Only those: esbuild routes
 * their calls through its `__require` helper (which throws "Dynamic require of … is not supported"
 * where no `require` exists), and a bundle without that helper does not get the shim, whose
 * `createRequire` costs about 0.5 ms of a cold start.
 */
const NEEDS_REQUIRE = 'Dynamic require of '
const REQUIRE_SHIM = "import { createRequire as __firehoseCreateRequire } from 'node:module'; const require = __firehoseCreateRequire(import.meta.url);"

/**
 * fp-ts's ES module build in place of its CommonJS one. Sources (the SDK's and the partner's)
 * import `fp-ts/lib/Either.js`, which Node resolves without help; its `lib/` modules are CommonJS
 * that esbuild cannot tree-shake, so a bundle would carry all of every module touched (and the
 * CommonJS wrappers, run on load). fp-ts ships the same modules as ES modules under `fp-ts/es6/`,
 * which io-ts's own ES build already imports: one copy of fp-ts, only what is used.
 */
const FP_TS_LIB = /^fp-ts\/lib\/(.+?)(\.js)?$/
export const esmDependencies: Plugin = {
  name: 'firehose-kit-esm-dependencies',
  setup(plugin) {
    plugin.onResolve({ filter: FP_TS_LIB }, (args) => {
      const module = FP_TS_LIB.exec(args.path)![1]
      return plugin.resolve(`fp-ts/es6/${module}.js`, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer })
    })
  },
}

/**
 * io-ts's ES build is one module of ES5-style classes (`/** @class *\/ (function (_super) {...}(Type))`)
 * and top-level instances (`export var string = new StringType()`), which a bundler must keep
 * whole: it cannot know that those calls have no side effects. They have none (io-ts declares
 * `"sideEffects": false`); marking them `/* @__PURE__ *\/` lets esbuild drop the codecs an
 * integration does not use (firehose-kit builds its own on `t.Type`). One argument needs help
 * too: esbuild drops a pure call's result but keeps any argument that might have side effects,
 * and a read of a global's property (`Number.isInteger`, passed to `refinement` for
 * `t.Integer`) might, so it kept `t.Integer` and with it `t.number` and `refinement` (0.8 KB of a
 * quickstart bundle). A function that reads it when called is the same predicate, read later.
 * The source is otherwise unchanged.
 */
const IO_TS_ES6 = /[\\/]io-ts[\\/]es6[\\/]index\.js$/
const INTEGER_PREDICATE = 'refinement(number, Number.isInteger,'
export const pureIoTs: Plugin = {
  name: 'firehose-kit-pure-io-ts',
  setup(plugin) {
    plugin.onLoad({ filter: IO_TS_ES6 }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      const contents = source
        .replaceAll('/** @class */ (function', '/* @__PURE__ */ (function')
        .replace(/^((?:export )?var \w+ = )((?:new )?\w+\()/gm, '$1/* @__PURE__ */ $2')
        .replace(INTEGER_PREDICATE, 'refinement(number, function (n) { return Number.isInteger(n) },')
      return { contents, loader: 'js' }
    })
  },
}

/**
 * firehose-kit's own modules (its sources, or the build of them in `dist/`), with their arrow
 * functions rewritten as function expressions where that means the same (see arrowsToFunctions: V8
 * parses every arrow of an ES module in full when it loads, a function only when it is called). On
 * the quickstart, that takes 4–6 ms off a cold start's CPU time. An integration's own code and its
 * other dependencies are left as they are: code may tell an arrow from a function, firehose-kit does not.
 */
const PACKAGE_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/src/') ? '../../../' : '../../', import.meta.url))
const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
const OWN_MODULE = new RegExp(`^${escapeRegExp(PACKAGE_ROOT)}(dist[\\\\/])?(src|middlewares)[\\\\/].*\\.[jt]s$`)
export const lazyParsedOwnModules: Plugin = {
  name: 'firehose-kit-lazy-parsed-own-modules',
  setup(plugin) {
    plugin.onLoad({ filter: OWN_MODULE }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      const javascript = args.path.endsWith('.ts') ? (await plugin.esbuild.transform(source, { loader: 'ts', sourcefile: args.path })).code : source
      return { contents: arrowsToFunctions(javascript), loader: 'js' }
    })
  },
}

/** The plugins `bundle()` runs (the bench measures the fp-ts share of a bundle with them). */
export const BUNDLE_PLUGINS: ReadonlyArray<Plugin> = [esmDependencies, pureIoTs, lazyParsedOwnModules]

/**
 * Bundles an integration into one ES module and a zip of it for the Lambda Node.js runtimes. The
 * AWS SDK v3 is left out: the Lambda runtime provides it.
 */
export const bundle = async (options: BundleOptions): Promise<BundleResult> => {
  const runtime = options.runtime ?? 'nodejs22.x'
  const target = targets[runtime]
  if (target === undefined) throw new Error(`bundle(): runtime must be nodejs22.x or nodejs24.x, got ${String(runtime)}`)
  const outDir = resolve(options.outDir)
  const file = join(outDir, 'index.mjs')
  await mkdir(outDir, { recursive: true })

  const { build } = await optionalPeer('esbuild', () => import('esbuild'), 'bundling (firehose bundle)')
  const result = await build({
    entryPoints: [resolve(options.entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target,
    mainFields: ['module', 'main'],
    conditions: [...(options.conditions ?? [])],
    external: ['@aws-sdk/*'],
    minify: options.minify ?? true,
    keepNames: options.keepNames ?? false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [...BUNDLE_PLUGINS],
  }).catch((error: { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }) => {
    const details = (error.errors ?? []).map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
    throw new Error(`bundle(): esbuild failed${details.length ? `:\n${details.join('\n')}` : ''}`)
  })

  const output = Object.entries(result.metafile.outputs).find(([path]) => resolve(path) === file)?.[1]
  if (!output?.exports.includes('handler')) {
    throw new Error(`bundle(): ${options.entry} must export \`handler\` (the function's handler is index.handler)`)
  }

  const text = result.outputFiles.find((f) => resolve(f.path) === file)!.text
  const code = Buffer.from(text.includes(NEEDS_REQUIRE) ? `${REQUIRE_SHIM}\n${text}` : text)
  await writeFile(file, code)
  const archive = zip([{ name: 'index.mjs', data: code }])
  const zipFile = join(outDir, 'function.zip')
  await writeFile(zipFile, archive)
  return { file, zip: zipFile, bytes: code.length, zipBytes: archive.length }
}

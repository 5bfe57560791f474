import type { CliIo } from './io.js'

/** The text `--help` prints, per command. Kept together so the overview and the commands agree. */
export const COMMANDS = {
  init: {
    summary: 'scaffold a new integration project (the quickstart)',
    usage: 'firehose init <dir> [--force]',
    details: `Copies the quickstart into <dir> (which must be empty or new; --force allows a non-empty one),
packs this firehose-kit into <dir>/vendor/ and depends on it, with every other version pinned.
Then: cd <dir> && npm install && npm test`,
  },
  serve: {
    summary: "run an integration's handler over HTTP, restarting on change",
    usage: 'firehose serve <module> [--port 8080] [--host 127.0.0.1] [--token <token>] [--no-watch] [--mock-partner]',
    details: `<module> is a .ts or .js file exporting \`handler\` (or a default export).
Tokens: --token, else FIREHOSE_TOKENS (comma-separated), else "dev".
The port defaults to PORT, else 8080; 0 picks a free one. The server runs under node --watch: a
change to the module or to any module it loads restarts it (--no-watch: never).
--mock-partner answers every partner call the integration makes with 200 {} (logged, never sent),
to try a handler before its partner's API is reachable; \`npm start\` serves the quickstart this way.`,
  },
  send: {
    summary: 'send one message and print the answer',
    usage: 'firehose send <file|sample> [--to <url|module>] [--token <token>] [--setting id=value ...] [--mock-partner] [--json] [--quiet]',
    details: `<file> is a JSON message; a sample is one of: events, registration, audience, subscription, dsr.
Samples get settings the target declares (defaults or placeholders); --setting overrides them.
--to is a URL (POSTed with Authorization: Token) or a module (its handler invoked as Lambda would,
printing the partner calls it made; its log lines go to stderr, --quiet drops them).
--mock-partner (module targets) answers every partner call 200 {} instead of sending it.
Default --to: http://127.0.0.1:$PORT (8080).
Token: --token, else the first of FIREHOSE_TOKENS, else "dev".
Exit code: 0 delivered, 1 any other outcome.`,
  },
  replay: {
    summary: 'send many messages, then summarise outcomes and latency',
    usage: 'firehose replay <dir|file.ndjson> --to <url|module> [--concurrency 4] [--out <report.json>] [--report report.html] [--token <token>] [--mock-partner] [--quiet]',
    details: `<dir> holds *.json files (one message each, in name order); a .ndjson / .jsonl file holds one
message per line; a .json file holds one message or an array of them.
Prints outcomes by kind and latency p50/p95/p99 against mParticle's budgets (100 ms over HTTP,
200 ms on Lambda, i.e. for a module); with --out, writes the same as JSON to that file; --report
writes one self-contained HTML page with the outcomes and a latency histogram.
--quiet prints no progress line per message (and drops the handler's log lines).
--mock-partner (module targets) answers every partner call 200 {}: the handler's own latency.
Exit code: 0 when every message was delivered, 1 otherwise.`,
  },
  check: {
    summary: "certify an endpoint against the protocol and mParticle's latency budget",
    usage:
      'firehose check <url|module> [--token <token>] [--report report.html] [--json] [--junit file.xml] [--budget-ms N] [--requests 200] [--setting id=value ...] [--live-partner]',
    details: `Runs named checks, each pass, fail, warn or skip, with why and how to fix it: registration without a
token, each declared request type's response (strict, UUID ids), verification requests, authentication,
unknown event types and enum values, malformed JSON and wrong types, a 1,000-event batch, latency
(--requests realistic batches; p99 over the budget fails), redelivery, audiences and DSR when declared.
A URL is checked over HTTP (budget 100 ms); a module by direct invocation, as Lambda (budget 200 ms),
its partner calls answered 200 {} by a stand-in unless --live-partner. --budget-ms overrides the budget.
Samples carry the settings' defaults or placeholders; --setting gives values the integration accepts.
--json prints the results as JSON; --junit writes JUnit XML; --report writes one self-contained HTML page
with the checks and a latency histogram.
Token: --token, else the first of FIREHOSE_TOKENS, else "dev".
Exit code: 0 when no check failed, 1 when any failed, 2 on a usage error.`,
  },
  registration: {
    summary: 'print the registration response to send to mParticle',
    usage: 'firehose registration <module>',
    details: `Invokes the handler with a module_registration_request and prints the response JSON, checked
with the protocol's strict decoder. Exit code 1 if it does not decode.`,
  },
  validate: {
    summary: 'decode a message and list every problem with its JSON path',
    usage: 'firehose validate <file> [--lenient] [--json]',
    details: `Strict by default (every problem fails); --lenient reports what lenient decoding tolerates
and fails only when the message cannot be read at all. --json prints the problems as JSON.
Exit code: 0 valid, 1 invalid, 2 usage error.`,
  },
  bundle: {
    summary: 'bundle an integration for AWS Lambda (one ESM file and a zip)',
    usage: 'firehose bundle <module> [--out dist/lambda] [--runtime nodejs22.x|nodejs24.x]',
    details: 'Writes <out>/index.mjs and <out>/function.zip (handler: index.handler) and prints their sizes.',
  },
} as const

export type CommandName = keyof typeof COMMANDS
export const isCommandName = (value: string): value is CommandName => Object.hasOwn(COMMANDS, value)

export const commandHelp = (name: CommandName): string => {
  const command = COMMANDS[name]
  return `${command.summary}\n\nUsage: ${command.usage}\n\n${command.details}\n\nExit codes: 0 ok, 1 failure, 2 usage error.`
}

export const overview = (): string => {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  return `firehose: build, run and ship mParticle Firehose integrations\n\nUsage: firehose <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`firehose <command> --help\` for a command's options.`
}

/** Prints a command's help; `--help` always succeeds. */
export const showHelp = (name: CommandName, io: CliIo): 0 => {
  io.stdout.write(`${commandHelp(name)}\n`)
  return 0
}

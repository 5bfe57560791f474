import { describe, it, expect } from 'vitest'
import { COMMANDS } from '../../src/cli/help.js'
import { runCli } from './support.js'

const commands = Object.keys(COMMANDS)

describe.concurrent('firehose --help and usage errors', () => {
  it('lists every command with --help (exit 0) and on stderr without a command (exit 2)', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const command of commands) expect(help.stdout).toContain(command)
    const bare = await runCli([])
    expect(bare.code).toBe(2)
    expect(bare.stderr).toContain('Usage: firehose <command>')
  })

  it('refuses an unknown command with exit 2', async () => {
    const result = await runCli(['deploy'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown command "deploy"')
  })

  it("firehose help <command> prints that command's help; an unknown topic is a usage error", async () => {
    const help = await runCli(['help', 'send'])
    const flag = await runCli(['send', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toBe(flag.stdout)
    expect(help.stdout).toContain(COMMANDS.send.usage)
    const unknown = await runCli(['help', 'deploy'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('no help on "deploy"')
  })

  it.each(commands)('%s --help prints its usage and exits 0', async (command) => {
    const result = await runCli([command, '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`Usage: firehose ${command}`)
    expect(result.stdout).toContain('Exit codes')
  })

  it.each(commands.filter((command) => command !== 'send' && command !== 'replay'))('%s without its argument is a usage error (exit 2)', async (command) => {
    const result = await runCli([command])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/missing <[\w|]+>/)
    expect(result.stderr).toContain(`Usage: firehose ${command}`)
  })

  it.each([
    [['send'], 'missing <file|sample>'],
    [['send', 'events', '--nope'], "Unknown option '--nope'"],
    [['send', 'events', '--setting', 'novalue'], '--setting takes id=value'],
    [['replay', 'x.ndjson'], 'missing --to'],
    [['replay', 'x.ndjson', '--to', 'http://127.0.0.1:1', '--concurrency', 'lots'], '--concurrency must be an integer'],
    [['serve', 'x.ts', '--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['bundle', 'x.ts', '--runtime', 'nodejs18.x'], '--runtime must be one of nodejs22.x, nodejs24.x'],
    [['validate', 'a.json', 'b.json'], 'unexpected argument: b.json'],
  ])('%j is a usage error: %s', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

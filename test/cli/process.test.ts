import { describe, it, expect } from 'vitest'
import { integration, runSpawnedCli, spawnCli } from './support.js'

// The rest of test/cli runs the CLI's `main` in-process; these run the real executable, for what
// only a process shows: exit codes, a closed stdout, and the console kept off stdout.
describe.concurrent('firehose as a process', () => {
  it('exits with the command exit code: 0, 1, 2', async () => {
    const [ok, failed, usage] = await Promise.all([runSpawnedCli(['registration', integration]), runSpawnedCli(['validate', 'no-such-file.json']), runSpawnedCli(['deploy'])])
    expect(ok.code, ok.stderr).toBe(0)
    // The handler's log lines never reach stdout, which holds only the response.
    expect(JSON.parse(ok.stdout)).toMatchObject({ type: 'module_registration_response', name: 'Fixture' })
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('file not found: no-such-file.json')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('unknown command "deploy"')
  })

  it('ends quietly with exit code 0 when stdout is closed (piped into head)', async () => {
    const child = spawnCli(['--help'])
    child.stdout!.destroy()
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)))
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })
})

import { defineConfig } from 'vitest/config'

export default defineConfig({
  // `source` points firehose-kit's own imports (examples included) at the TypeScript sources.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Vitest's default leaves one core to the main process: on a 2-core machine that is one worker,
    // and the suite runs file after file. Test files mostly wait on I/O (servers, child processes,
    // dynalite), so two workers keep both cores busy.
    maxWorkers: 2,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})

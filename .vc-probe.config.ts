import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))
export default defineConfig({
  resolve: {
    conditions: ['source'],
    alias: [
      { find: /^firehose-kit$/, replacement: src('./src/index.ts') },
      { find: /^firehose-kit\/(schema|testing)$/, replacement: src('./src/$1/index.ts') },
      { find: /^firehose-kit\/middlewares$/, replacement: src('./middlewares/index.ts') },
    ],
  },
  test: { include: ['examples/*/test/**/*.test.ts'] },
})

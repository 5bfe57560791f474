import { readdirSync, watch, type FSWatcher } from 'node:fs'
import { join, relative } from 'node:path'

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage'])
/** Changes to these restart the server; logs, editor swap files and the like do not. */
const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs|json)$/i
const NOISE = /(^\.#|~$|^package-lock\.json$)/
const MAX_DIRS = 500

const directoriesUnder = (root: string): string[] => {
  const found = [root]
  for (let i = 0; i < found.length && found.length < MAX_DIRS; i++) {
    let entries
    try {
      entries = readdirSync(found[i]!, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) found.push(join(found[i]!, entry.name))
    }
  }
  return found
}

export interface TreeWatcher {
  close(): void
}

/**
 * Watches a directory tree (without node_modules, dist and hidden directories) and calls
 * `onChange` once per burst of changes to source files (.ts, .js, .json and kin), `debounceMs` after the last one. One non-recursive watcher
 * per directory: recursive watching is not available on every platform Node 20 runs on.
 */
export const watchTree = (root: string, onChange: (file: string) => void, debounceMs = 150): TreeWatcher => {
  const watchers = new Map<string, FSWatcher>()
  let timer: NodeJS.Timeout | undefined
  let lastFile = ''
  let closed = false

  const fire = (): void => {
    timer = undefined
    if (!closed) onChange(lastFile)
  }
  const scan = (): void => {
    for (const dir of directoriesUnder(root)) {
      if (watchers.has(dir)) continue
      try {
        const watcher = watch(dir, (event, name) => {
          const file = String(name ?? '')
          if (event === 'rename') scan()
          if (!SOURCE.test(file) || NOISE.test(file)) return
          lastFile = relative(root, join(dir, file))
          clearTimeout(timer)
          timer = setTimeout(fire, debounceMs)
        })
        watcher.on('error', () => {
          watcher.close()
          watchers.delete(dir)
        })
        watchers.set(dir, watcher)
      } catch {
        // the directory went away between listing and watching
      }
    }
  }
  scan()
  return {
    close() {
      closed = true
      clearTimeout(timer)
      for (const watcher of watchers.values()) watcher.close()
      watchers.clear()
    },
  }
}

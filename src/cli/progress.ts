import type { CliOutput } from './io.js'
import type { OutcomeKind } from './outcome.js'

export interface Progress {
  /** One message done. */
  tick(line: { source: string; kind: OutcomeKind; latencyMs: number }): void
  done(): void
}

const BAR_WIDTH = 30

/**
 * On a terminal, a bar redrawn in place on stderr; otherwise one plain line per message (readable
 * in CI logs and greppable).
 */
export const createProgress = (total: number, stream: CliOutput): Progress => {
  let done = 0
  let notDelivered = 0
  if (!stream.isTTY) {
    return {
      tick({ source, kind, latencyMs }) {
        done += 1
        stream.write(`[${done}/${total}] ${source} ${kind} ${latencyMs} ms\n`)
      },
      done() {},
    }
  }
  let lastDraw = 0
  const draw = (): void => {
    const filled = Math.round((done / total) * BAR_WIDTH)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
    stream.write(`\r${bar} ${done}/${total}${notDelivered > 0 ? ` (${notDelivered} not delivered)` : ''}`)
  }
  return {
    tick({ kind }) {
      done += 1
      if (kind !== 'delivered') notDelivered += 1
      const now = Date.now()
      if (now - lastDraw > 50 || done === total) {
        lastDraw = now
        draw()
      }
    },
    done() {
      draw()
      stream.write('\n')
    },
  }
}

/** Where the progress bar goes: stderr, or a test's stand-in. */
export interface ProgressStream {
  readonly isTTY?: boolean
  write(text: string): unknown
}

const WIDTH = 30

/**
 * The latency check's progress bar. On a terminal it is redrawn in place; elsewhere (CI logs,
 * pipes) a line is written at each quarter, so a log shows progress without 200 lines.
 */
export const latencyProgress = (stream: ProgressStream, label = 'latency'): ((done: number, total: number) => void) => {
  let lastQuarter = 0
  let lastDraw = 0
  return (done, total) => {
    if (stream.isTTY) {
      const now = Date.now()
      if (done !== total && now - lastDraw < 50) return
      lastDraw = now
      const filled = Math.round((done / total) * WIDTH)
      stream.write(`\r${label} ${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${done}/${total}${done === total ? '\n' : ''}`)
      return
    }
    const quarter = Math.floor((done / total) * 4)
    if (quarter > lastQuarter) {
      lastQuarter = quarter
      stream.write(`${label}: ${done}/${total} requests\n`)
    }
  }
}

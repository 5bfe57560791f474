/** A fenced code block of a Markdown page: its language, the rest of its info string, its text and its 1-based line. */
export interface CodeBlock {
  readonly lang: string
  readonly info: string
  readonly code: string
  readonly line: number
}

/** The page's fenced code blocks with a language (fences without one, such as diagrams, are prose). */
export const codeBlocks = (page: string): CodeBlock[] => {
  const lines = page.split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*(.*)$/.exec(lines[i])
    if (!open) continue
    const start = i
    const body: string[] = []
    while (++i < lines.length && !lines[i].startsWith('```')) body.push(lines[i])
    blocks.push({ lang: open[1], info: open[2].trim(), code: body.join('\n'), line: start + 1 })
  }
  return blocks
}

/** A block's `name=<value>` (`file=src/x.ts`), `''` for a bare `name` (`run`), `undefined` when absent. */
export const blockAttribute = (block: CodeBlock, name: string): string | undefined =>
  new RegExp(`(?:^|\\s)${name}(?:=(\\S+))?(?:\\s|$)`).exec(block.info)?.[1] ?? (new RegExp(`(?:^|\\s)${name}(?:\\s|$)`).test(block.info) ? '' : undefined)

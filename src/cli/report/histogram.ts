import { escapeHtml } from './escape.js'

export interface HistogramInput {
  readonly samplesMs: ReadonlyArray<number>
  readonly budgetMs: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
}

const WIDTH = 760
const HEIGHT = 280
const M = { top: 28, right: 24, bottom: 44, left: 52 }
const BINS = 40

/** A round step for about `count` ticks up to `max`: 1, 2 or 5 times a power of ten. */
const niceStep = (max: number, count: number): number => {
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = [1, 2, 5, 10].find((n) => n * power >= raw) ?? 10
  return unit * power
}

const fmt = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 1 : 0))

/**
 * The latency histogram as inline SVG: one bar per bin (bins over the budget drawn in the warning
 * colour), the budget as a red vertical line (a 2.5 px wide rectangle), p50/p95/p99 as dashed markers. No script, no font,
 * no external reference: it renders offline, in a mail client, in a CI artifact viewer.
 */
export const latencyHistogram = (input: HistogramInput): string => {
  const { samplesMs, budgetMs } = input
  const top = Math.max(budgetMs * 1.15, ...samplesMs.map((ms) => ms * 1.02), 1)
  const step = niceStep(top, 8)
  const xMax = Math.ceil(top / step) * step
  const binWidth = xMax / BINS
  const counts = new Array<number>(BINS).fill(0)
  for (const ms of samplesMs) counts[Math.min(BINS - 1, Math.floor(ms / binWidth))]! += 1
  const yMaxCount = Math.max(1, ...counts)
  const yStep = niceStep(yMaxCount, 4)
  const yMax = Math.max(yStep, Math.ceil(yMaxCount / yStep) * yStep)
  const plotW = WIDTH - M.left - M.right
  const plotH = HEIGHT - M.top - M.bottom
  const x = (ms: number): number => M.left + (ms / xMax) * plotW
  const y = (count: number): number => M.top + plotH - (count / yMax) * plotH
  const r = (n: number): string => n.toFixed(1)

  const bars = counts
    .map((count, i) => {
      if (count === 0) return ''
      const from = i * binWidth
      const over = from + binWidth > budgetMs
      return `<rect class="bar${over ? ' over' : ''}" x="${r(x(from) + 0.5)}" y="${r(y(count))}" width="${r(Math.max(1, x(binWidth) - M.left - 1))}" height="${r(M.top + plotH - y(count))}" data-from-ms="${fmt(from)}" data-count="${count}"><title>${fmt(from)}–${fmt(from + binWidth)} ms: ${count} request${count === 1 ? '' : 's'}</title></rect>`
    })
    .join('')
  const xTicks: string[] = []
  for (let ms = 0; ms <= xMax + 1e-9; ms += step) {
    xTicks.push(
      `<line class="tick" x1="${r(x(ms))}" x2="${r(x(ms))}" y1="${M.top + plotH}" y2="${M.top + plotH + 5}"/><text class="axis" x="${r(x(ms))}" y="${M.top + plotH + 18}" text-anchor="middle">${fmt(ms)}</text>`,
    )
  }
  const yTicks: string[] = []
  for (let count = 0; count <= yMax; count += yStep) {
    yTicks.push(
      `<line class="grid" x1="${M.left}" x2="${M.left + plotW}" y1="${r(y(count))}" y2="${r(y(count))}"/><text class="axis" x="${M.left - 8}" y="${r(y(count) + 4)}" text-anchor="end">${fmt(count)}</text>`,
    )
  }
  const markers = (['p50', 'p95', 'p99'] as const)
    .map(
      (name, i) =>
        `<line class="percentile" x1="${r(x(input[name]))}" x2="${r(x(input[name]))}" y1="${M.top + 14 * i + 10}" y2="${M.top + plotH}"/><text class="percentile-label" x="${r(x(input[name]) + 4)}" y="${M.top + 14 * i + 10}">${name} ${fmt(input[name])}</text>`,
    )
    .join('')
  const leftHalf = x(budgetMs) < WIDTH * 0.3
  // A thin rectangle rather than a line: it has an area, so it is drawn (and found) at any zoom.
  const budget = `<rect class="budget-line" x="${r(x(budgetMs) - 1.25)}" y="${M.top - 14}" width="2.5" height="${plotH + 14}" data-budget-ms="${fmt(budgetMs)}"/><text class="budget-label" x="${r(x(budgetMs) + (leftHalf ? 6 : -6))}" y="${M.top - 16}" text-anchor="${leftHalf ? 'start' : 'end'}">budget ${fmt(budgetMs)} ms</text>`
  const label = `Latency of ${samplesMs.length} requests: p50 ${fmt(input.p50)} ms, p95 ${fmt(input.p95)} ms, p99 ${fmt(input.p99)} ms; budget ${fmt(budgetMs)} ms`
  return [
    `<svg class="histogram" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="histogram-title">`,
    `<title id="histogram-title">${escapeHtml(label)}</title>`,
    yTicks.join(''),
    `<g class="bars">${bars}</g>`,
    `<line class="axis-line" x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}"/>`,
    xTicks.join(''),
    markers,
    budget,
    `<text class="axis-title" x="${M.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">latency (ms)</text>`,
    `<text class="axis-title" transform="translate(14 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">requests</text>`,
    '</svg>',
  ].join('\n')
}

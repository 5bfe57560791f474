import type { CheckStatus } from '../check/types.js'
import { escapeHtml as e } from './escape.js'
import { latencyHistogram, type HistogramInput } from './histogram.js'

export interface ReportRow {
  readonly status: CheckStatus
  /** A stable id (`auth`, `latency`, an outcome kind). */
  readonly name: string
  readonly title: string
  readonly why: string
  readonly fix?: string
  readonly details?: ReadonlyArray<string>
}

export interface ReportPage {
  /** `firehose check`, `firehose replay`. */
  readonly title: string
  readonly subject: string
  readonly verdict: 'pass' | 'fail'
  readonly verdictText: string
  readonly facts: ReadonlyArray<readonly [string, string]>
  /** Header of the rows' table: "Checks", "Outcomes". */
  readonly rowsTitle: string
  readonly rows: ReadonlyArray<ReportRow>
  readonly latency?: HistogramInput & { readonly max: number; readonly requests: number; readonly note?: string }
}

const STATUS_TEXT: Record<CheckStatus, string> = { pass: 'pass', fail: 'fail', warn: 'warn', skip: 'skip' }

const CSS = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
header h1 { font-size: 22px; margin: 0 0 4px; }
header .subject { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); word-break: break-all; }
.verdict { margin: 16px 0; padding: 12px 16px; border-radius: 8px; font-weight: 600; border: 1px solid; }
.verdict.pass { color: var(--pass); background: #dafbe1; border-color: #4ac26b; }
.verdict.fail { color: var(--fail); background: #ffebe9; border-color: #ff8182; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 20px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-all; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 0 0 20px; }
section h2 { font-size: 17px; margin: 0 0 12px; }
table.rows { width: 100%; border-collapse: collapse; }
table.rows th { text-align: left; font-size: 13px; color: var(--muted); border-bottom: 1px solid var(--line); padding: 6px 8px; }
table.rows td { vertical-align: top; border-bottom: 1px solid #eef1f4; padding: 8px; }
td.status { width: 70px; }
.badge { display: inline-block; min-width: 48px; text-align: center; padding: 2px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; text-transform: uppercase; color: #fff; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); } .badge.skip { background: var(--skip); }
td.name { width: 260px; } td.name code { font-size: 12px; color: var(--muted); display: block; }
.fix { margin-top: 6px; padding: 6px 10px; background: #fff8c5; border-left: 3px solid #d4a72c; border-radius: 4px; }
details { margin-top: 6px; color: var(--muted); font-size: 13px; }
details ul { margin: 4px 0 0 18px; padding: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-word; }
.stats { display: flex; gap: 24px; flex-wrap: wrap; margin: 0 0 8px; }
.stats div { font-variant-numeric: tabular-nums; } .stats b { font-size: 18px; }
svg.histogram { width: 100%; height: auto; max-width: 760px; display: block; }
svg .bar { fill: #54aeff; } svg .bar.over { fill: #ff8182; }
svg .grid { stroke: #eef1f4; } svg .tick, svg .axis-line { stroke: #8c959f; }
svg .axis, svg .axis-title { fill: #59636e; font-size: 11px; font-family: system-ui, sans-serif; }
svg .budget-line { fill: #cf222e; }
svg .budget-label { fill: #cf222e; font-size: 12px; font-weight: 700; font-family: system-ui, sans-serif; }
svg .percentile { stroke: #6e7781; stroke-dasharray: 4 3; }
svg .percentile-label { fill: #424a53; font-size: 11px; font-family: system-ui, sans-serif; }
footer { color: var(--muted); font-size: 12px; }
`

const row = (r: ReportRow): string => {
  const details = r.details ?? []
  const open = r.status === 'fail' || r.status === 'warn' ? ' open' : ''
  return [
    `<tr class="check ${r.status}" data-check="${e(r.name)}" data-status="${r.status}">`,
    `<td class="status"><span class="badge ${r.status}">${STATUS_TEXT[r.status]}</span></td>`,
    `<td class="name"><strong>${e(r.title)}</strong><code>${e(r.name)}</code></td>`,
    `<td class="why"><div>${e(r.why)}</div>`,
    r.fix && r.status !== 'pass' ? `<div class="fix"><strong>How to fix:</strong> ${e(r.fix)}</div>` : '',
    details.length > 0
      ? `<details${open}><summary>${details.length} observation${details.length === 1 ? '' : 's'}</summary><ul>${details.map((d) => `<li>${e(d)}</li>`).join('')}</ul></details>`
      : '',
    '</td></tr>',
  ].join('')
}

/** One self-contained HTML page (inline CSS and SVG, no script, no external reference): it works offline and as a CI artifact. */
export const renderReportPage = (page: ReportPage): string => {
  const latency = page.latency
  const latencySection = latency
    ? `<section class="latency"><h2>Latency</h2>
<div class="stats"><div>requests <b>${latency.requests}</b></div><div>p50 <b>${latency.p50} ms</b></div><div>p95 <b>${latency.p95} ms</b></div><div>p99 <b>${latency.p99} ms</b></div><div>max <b>${latency.max} ms</b></div><div>budget <b>${latency.budgetMs} ms</b></div></div>
${latency.note ? `<p>${e(latency.note)}</p>` : ''}
${latencyHistogram(latency)}
</section>`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}: ${e(page.subject)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${e(page.title)}</h1><div class="subject">${e(page.subject)}</div></header>
<div class="verdict ${page.verdict}" role="status">${e(page.verdictText)}</div>
<dl class="facts">${page.facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
<section class="checks"><h2>${e(page.rowsTitle)}</h2>
<table class="rows"><thead><tr><th>Status</th><th>Check</th><th>Result</th></tr></thead>
<tbody>
${page.rows.map(row).join('\n')}
</tbody></table></section>
${latencySection}
<footer>Written by firehose-kit. Budgets: mParticle expects an answer within 100 ms over HTTP and 200 ms from a Lambda function.</footer>
</main>
</body>
</html>
`
}

import type { CheckReport } from '../check/run.js'

export const escapeXml = (text: string): string =>
  text
    // XML 1.0 cannot carry most control characters, even escaped.
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/** JUnit XML (the dialect Jenkins, GitLab and GitHub reporters read): one testcase per check; warn passes with its text in system-out. */
export const checkJunit = (report: CheckReport): string => {
  const a = (text: string | number): string => escapeXml(String(text))
  const cases = report.checks.map((check) => {
    const body = [`${check.why}`, ...(check.fix ? [`How to fix: ${check.fix}`] : []), ...check.details.map((line) => `· ${line}`)].join('\n')
    const head = `    <testcase classname="firehose.check" name="${a(check.id)}: ${a(check.title)}" time="0">`
    switch (check.status) {
      case 'fail':
        return `${head}\n      <failure message="${a(check.why)}" type="firehose.check.${a(check.id)}">${a(body)}</failure>\n    </testcase>`
      case 'skip':
        return `${head}\n      <skipped message="${a(check.why)}"/>\n    </testcase>`
      case 'warn':
        return `${head}\n      <system-out>${a(`WARNING: ${body}`)}</system-out>\n    </testcase>`
      case 'pass':
        return `${head}\n      <system-out>${a(body)}</system-out>\n    </testcase>`
    }
  })
  const seconds = (report.durationMs / 1000).toFixed(3)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="firehose check" tests="${report.checks.length}" failures="${report.counts.fail}" skipped="${report.counts.skip}" time="${seconds}">`,
    `  <testsuite name="firehose check ${a(report.target)}" tests="${report.checks.length}" failures="${report.counts.fail}" errors="0" skipped="${report.counts.skip}" timestamp="${a(report.startedAt)}" time="${seconds}">`,
    `    <properties>\n      <property name="target" value="${a(report.target)}"/>\n      <property name="via" value="${a(report.via)}"/>\n      <property name="budgetMs" value="${a(report.budgetMs)}"/>\n    </properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}

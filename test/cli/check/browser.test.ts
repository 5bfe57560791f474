import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHECK_IDS } from '../../../src/cli/check/types.js'
import { startEndpoint } from './fixtures/hand-written-endpoint.mjs'
import { runCheck, scriptedClock } from './support.js'

/**
 * The HTML report as a person sees it, in a real browser: Debian's `chromium`, driven with
 * playwright-core, offline (every request but the file itself is aborted and counted). Skipped
 * only where Chromium is missing and FIREHOSE_REQUIRE_BROWSER is unset: CI sets it (.ci/run
 * installs Chromium when missing), so there a missing browser fails instead of skipping.
 */
const executablePath = process.env.FIREHOSE_CHROMIUM ?? '/usr/bin/chromium'
const available = existsSync(executablePath)
const required = Boolean(process.env.FIREHOSE_REQUIRE_BROWSER)
const TOKEN = 'hand-token'

if (!available && required) {
  describe('HTML report in Chromium', () => {
    it('has a browser to run in', () => {
      throw new Error(`FIREHOSE_REQUIRE_BROWSER is set but there is no Chromium at ${executablePath} (apt-get install -y chromium)`)
    })
  })
}

describe.skipIf(!available)('HTML report in Chromium', () => {
  let dir: string
  let shots: string
  let context: BrowserContext
  const offPage: string[] = []
  const stops: Array<() => Promise<void>> = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firehose-report-'))
    // FIREHOSE_SCREENSHOT_DIR keeps the screenshots for a person to look at.
    shots = process.env.FIREHOSE_SCREENSHOT_DIR ?? dir
    await mkdir(shots, { recursive: true })
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath,
      headless: true,
      viewport: { width: 1200, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('file://')) return route.continue()
      offPage.push(url)
      return route.abort()
    })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    for (const stop of stops) await stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const report = async (name: string, defect: string | undefined, latencies: number[]): Promise<string> => {
    const endpoint = await startEndpoint({ token: TOKEN, ...(defect ? { defect } : {}) })
    stops.push(() => endpoint.close())
    const path = join(dir, `${name}.html`)
    await runCheck([endpoint.url, '--token', TOKEN, '--requests', '60', '--report', path], { clock: scriptedClock(latencies) })
    return path
  }

  const open = async (path: string, screenshot: string): Promise<Page> => {
    const page = await context.newPage()
    await page.goto(pathToFileURL(path).href)
    await page.screenshot({ path: join(shots, screenshot), fullPage: true })
    expect((await stat(join(shots, screenshot))).size).toBeGreaterThan(20_000)
    return page
  }

  const expectVisibleBox = async (page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> => {
    const locator = page.locator(selector)
    await expect.poll(() => locator.isVisible()).toBe(true)
    const box = await locator.boundingBox()
    expect(box, selector).not.toBeNull()
    expect(box!.height, selector).toBeGreaterThan(0)
    expect(box!.width, selector).toBeGreaterThan(0)
    return box!
  }

  it('a passing endpoint: every check row, the verdict, the histogram bars left of the budget line', async () => {
    const path = await report('passing', undefined, [4, 6, 7, 9, 12, 12, 15, 18, 22, 27, 33, 41])
    const page = await open(path, 'check-passing.png')
    expect(await page.locator('.verdict').innerText()).toMatch(/^Ready to submit to mParticle: 9 passed/)
    for (const id of CHECK_IDS) {
      await expectVisibleBox(page, `tr.check[data-check="${id}"]`)
      const status = await page.locator(`tr.check[data-check="${id}"] .badge`).innerText()
      expect(status, id).toMatch(id === 'audiences' || id === 'dsr' ? /skip/i : /pass/i)
    }
    const bars = page.locator('svg.histogram rect.bar')
    expect(await bars.count()).toBeGreaterThanOrEqual(5)
    const line = await expectVisibleBox(page, 'svg.histogram rect.budget-line')
    expect(await page.locator('svg.histogram text.budget-label').textContent()).toBe('budget 100 ms')
    await expectVisibleBox(page, 'svg.histogram text.budget-label')
    for (let i = 0; i < (await bars.count()); i++) {
      const bar = (await bars.nth(i).boundingBox())!
      expect(bar.width).toBeGreaterThan(0)
      expect(bar.height).toBeGreaterThan(0)
      expect(bar.x + bar.width).toBeLessThanOrEqual(line.x + line.width)
    }
    expect(offPage).toEqual([])
  }, 120_000)

  it('a failing endpoint: the failed rows with how to fix, bars on both sides of the budget line', async () => {
    const path = await report('failing', 'no-auth', [8, 14, 20, 26, 35, 48, 60, 75, 95, 130, 160, 210])
    const page = await open(path, 'check-failing.png')
    expect(await page.locator('.verdict').innerText()).toMatch(/^Not ready: 2 checks failed \(auth, latency\)/)
    for (const id of CHECK_IDS) await expectVisibleBox(page, `tr.check[data-check="${id}"]`)
    for (const id of ['auth', 'latency']) {
      expect(await page.locator(`tr.check[data-check="${id}"] .badge`).innerText()).toMatch(/fail/i)
      await expectVisibleBox(page, `tr.check[data-check="${id}"] .fix`)
    }
    const line = await expectVisibleBox(page, 'svg.histogram rect.budget-line')
    const over = page.locator('svg.histogram rect.bar.over')
    expect(await over.count()).toBeGreaterThanOrEqual(2)
    for (let i = 0; i < (await over.count()); i++) expect((await over.nth(i).boundingBox())!.x).toBeGreaterThanOrEqual(line.x - 1)
    const under = page.locator('svg.histogram rect.bar:not(.over)')
    expect(await under.count()).toBeGreaterThanOrEqual(3)
    for (let i = 0; i < (await under.count()); i++) expect((await under.nth(i).boundingBox())!.x).toBeLessThan(line.x)
    expect(offPage).toEqual([])
  }, 120_000)
})

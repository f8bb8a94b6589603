// Browser: no serious or critical axe-core violations on the main pages (both languages), no CSP violations, and the first page's weight as served.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot } from './browser.ts'
import { seriousViolations } from './axe.ts'

t.setTimeout(400_000)

function watchCsp (page: Page, seen: string[]) {
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) seen.push(message.text()) })
  page.on('pageerror', (error) => { seen.push(`page error: ${error.message}`) })
}

async function check (t: { same: (a: unknown, b: unknown, m: string) => unknown }, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

t.test('main pages of every role pass axe-core, in Chinese and English, without CSP violations', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const csp: string[] = []

  const anon = await newPage(browser, base)
  watchCsp(anon.page, csp)
  await anon.page.goto('/login')
  await check(t, anon.page, 'login-zh')
  await anon.page.goto('/register')
  await check(t, anon.page, 'register-zh')
  await anon.page.click('[data-testid=lang-switch]')
  await check(t, anon.page, 'register-en')
  await anon.page.goto('/password-reset')
  await anon.page.waitForSelector('[data-testid=reset-request-form]')
  await check(t, anon.page, 'password-reset-en')
  await anon.page.goto('/invitation')
  await anon.page.waitForSelector('[role=alert]')
  await check(t, anon.page, 'invitation-without-token-en')

  const enterprise = await newPage(browser, base)
  const ep = enterprise.page
  watchCsp(ep, csp)
  await loginAs(ep, demo.enterprise)
  await check(t, ep, 'enterprise-home-zh')
  await ep.click('nav.menu >> text=我的订单')
  await ep.waitForSelector('[data-testid=order-row]')
  await check(t, ep, 'enterprise-orders-zh')
  await ep.click('text=汽车零部件焊工培训')
  await ep.waitForSelector('[data-testid=bids-compare]')
  await check(t, ep, 'enterprise-compare-zh')
  await ep.click('[data-testid=lang-switch]')
  await check(t, ep, 'enterprise-compare-en')
  await ep.click('nav.menu >> text=Post an order')
  await ep.waitForSelector('#o-title')
  await check(t, ep, 'order-form-en')
  await ep.click('nav.menu >> text=Report')
  await ep.waitForSelector('.figures')
  await check(t, ep, 'enterprise-report-en')
  await ep.click('nav.menu >> text=Team')
  await ep.waitForSelector('[data-testid=invite-form]')
  await check(t, ep, 'enterprise-team-en')

  const college = await newPage(browser, base)
  const cp = college.page
  watchCsp(cp, csp)
  await loginAs(cp, demo.college)
  await check(t, cp, 'college-home-zh')
  await cp.click('text=数控车床操作工定向培养')
  await cp.waitForSelector('[data-testid=bid-form]')
  await check(t, cp, 'college-bid-form-zh')
  await cp.click('nav.menu >> text=我的投标')
  await cp.waitForSelector('[data-testid=bid-row]')
  await check(t, cp, 'college-bids-zh')
  await cp.click('nav.menu >> text=培训班')
  await cp.click('[data-testid=cohort-row] a')
  await cp.waitForSelector('#roster-paste')
  await check(t, cp, 'college-cohort-zh')
  await cp.click('nav.menu >> text=联盟')
  await cp.waitForSelector('ul.cards li')
  await check(t, cp, 'college-alliances-zh')

  const coordinator = await newPage(browser, base)
  const op = coordinator.page
  watchCsp(op, csp)
  await loginAs(op, demo.coordinator)
  await op.waitForSelector('[data-testid=match-row]')
  await check(t, op, 'coordinator-queue-zh')
  await op.click('nav.menu >> text=统计报表')
  await op.waitForSelector('.chart canvas')
  await op.locator('text=正在绘制图表').waitFor({ state: 'detached' })
  await check(t, op, 'coordinator-report-zh')
  await op.click('[data-testid=lang-switch]')
  await check(t, op, 'coordinator-report-en')

  t.same(csp, [], 'no CSP violations or page errors')
})

t.test("the first page's scripts and styles weigh at most 350 KiB as served, compressed", async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const { page } = await newPage(browser, base)
  const assets: { url: string, encoded: Promise<number>, encoding: string | undefined }[] = []
  page.on('response', (res) => {
    const type = res.request().resourceType()
    if (type !== 'script' && type !== 'stylesheet') return
    assets.push({ url: res.url(), encoded: res.request().sizes().then((s) => s.responseBodySize), encoding: res.headers()['content-encoding'] })
  })
  await page.goto('/')
  await page.waitForSelector('input[name=email]')
  await page.waitForLoadState('networkidle')
  t.ok(assets.length >= 2, 'scripts and styles were loaded')
  const sizes = await Promise.all(assets.map((a) => a.encoded))
  const total = sizes.reduce((sum, n) => sum + n, 0)
  t.ok(total > 0 && total <= 350 * 1024, `first page: ${(total / 1024).toFixed(1)} KiB over ${assets.length} files`)
  t.ok(assets.every((a) => a.encoding === 'br' || a.encoding === 'gzip'), 'every script and style was served compressed')
  t.notOk(assets.some((a) => a.url.includes('report-charts')), 'the chart library is not on the first page')
})

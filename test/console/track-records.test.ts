// Browser: organization profiles with their track records (rates as percentages, "no data yet" for null), reached from the order page and from bid, match and recommendation rows; an unknown id; both languages.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot, apiAs } from './browser.ts'
import { seriousViolations } from './axe.ts'

t.setTimeout(400_000)

type Tap = { same: (a: unknown, b: unknown, m: string) => unknown }
type Listed = { items: { id: string, title?: string }[] }
type Profile = { id: string, kind: 'enterprise' | 'college', name: string, alliances?: string[], trackRecord: Record<string, number | null> }
type Alliance = { code: string, name: string, nameZh: string }
type Reason = { factor: string }
type Order = { id: string, organization: { id: string, name: string } }

const COUNTS = { enterprise: ['ordersAwarded', 'promised', 'hired'], college: ['cohortsCompleted', 'enrolled', 'completed', 'hired'] }
const RATES = { enterprise: ['promiseKeptRate'], college: ['completionRate', 'hireRate'] }
const NO_DATA = { zh: '暂无数据', en: 'No data yet' }
const pct = (v: number) => `${Math.round(v * 100)}%`

async function axeClean (t: Tap, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

/** Client-side navigation, the way the console's own links open a profile: through the router, without loading the page. */
async function openInApp (page: Page, path: string) {
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`)
  await page.waitForURL((url) => url.pathname === path)
}

/** Every figure of the profile's track record as the page shows it, against the API's answer. */
async function checkRecord (t: Tap & { equal: (a: unknown, b: unknown, m: string) => unknown }, page: Page, profile: Profile, lang: 'zh' | 'en') {
  const card = page.locator(`[data-testid=track-record][data-kind=${profile.kind}]`)
  await card.waitFor()
  for (const key of COUNTS[profile.kind]) {
    t.equal(await card.locator(`[data-figure=${key}] strong`).textContent(), String(profile.trackRecord[key]), `${profile.name} ${key} (${lang})`)
  }
  for (const key of RATES[profile.kind]) {
    const value = profile.trackRecord[key] ?? null
    t.equal(await card.locator(`[data-figure=${key}] strong`).textContent(), value === null ? NO_DATA[lang] : pct(value), `${profile.name} ${key} (${lang})`)
  }
}

t.test('profiles from the order page and the bid rows, with their track records, in Chinese and English', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asEnterprise = await apiAs(base, demo.enterprise)
  const alliances = (await asEnterprise<{ items: Alliance[] }>('GET', '/v1/alliances')).items
  const mine = await asEnterprise<Listed>('GET', '/v1/orders?mine=true&limit=100')
  const openId = mine.items.find((o) => o.title === '数控车床操作工定向培养')?.id ?? ''
  const evaluatingId = mine.items.find((o) => o.title?.startsWith('汽车零部件焊工培训'))?.id ?? ''
  const order = await asEnterprise<Order>('GET', `/v1/orders/${openId}`)
  const enterprise = await asEnterprise<Profile>('GET', `/v1/organizations/${order.organization.id}`)
  t.ok(openId && evaluatingId && enterprise.trackRecord['promiseKeptRate'] !== null, 'the demo enterprise has a track record')

  // A college reads the open order: the enterprise links to its profile, and the order shows its promise-kept rate.
  const { page: cp } = await newPage(browser, base)
  await loginAs(cp, demo.college)
  await cp.goto(`/orders/${openId}`)
  const kept = cp.locator('[data-testid=enterprise-kept-rate]')
  await kept.waitFor()
  const rate = enterprise.trackRecord['promiseKeptRate'] ?? 0
  t.equal(await kept.textContent(), `录用承诺兑现率：${pct(rate)}（已结束订单承诺录用 ${enterprise.trackRecord['promised']} 人，实际录用 ${enterprise.trackRecord['hired']} 人）`)
  await cp.click(`.details [data-testid=org-link][data-org-id="${enterprise.id}"]`)
  await cp.waitForURL(`**/organizations/${enterprise.id}`)
  t.equal(await cp.textContent('[data-testid=org-name]'), enterprise.name)
  t.match(await cp.textContent('[data-testid=org-kind]'), /^企业/)
  const names = (enterprise.alliances ?? []).map((code) => alliances.find((a) => a.code === code)?.nameZh ?? code)
  t.ok(names.length > 0, 'the enterprise is in an alliance')
  t.same(await cp.locator('[data-testid=org-alliances] li').allTextContents(), names, 'its alliances, by their Chinese names')
  await checkRecord(t, cp, enterprise, 'zh')
  t.match(await cp.textContent('[data-testid=track-record]'), /历史业绩[\s\S]*录用承诺兑现率/)
  await axeClean(t, cp, 'organization-enterprise-zh')
  await cp.click('[data-testid=lang-switch]')
  await cp.waitForSelector('html[lang=en]')
  await checkRecord(t, cp, enterprise, 'en')
  t.match(await cp.textContent('[data-testid=org-kind]'), /^Enterprise/)
  t.match(await cp.textContent('[data-testid=track-record]'), /Track record[\s\S]*Hiring promise kept/)
  await axeClean(t, cp, 'organization-enterprise-en')

  // The owner compares the bids after closing: each college's name links to its profile, null rates read "no data yet".
  const { page: ep } = await newPage(browser, base)
  await loginAs(ep, demo.enterprise)
  await ep.goto(`/orders/${evaluatingId}`)
  await ep.waitForSelector('[data-testid=bids-compare]')
  const bids = await asEnterprise<{ items: { college: { id: string, name: string } }[] }>('GET', `/v1/orders/${evaluatingId}/bids?limit=100`)
  const colleges = await Promise.all(bids.items.map((b) => asEnterprise<Profile>('GET', `/v1/organizations/${b.college.id}`)))
  const newcomer = colleges.find((c) => c.trackRecord['completionRate'] === null)
  const veteran = colleges.find((c) => c.trackRecord['completionRate'] !== null)
  t.ok(newcomer && veteran, 'one bidding college has completed cohorts, the other none yet')
  for (const c of colleges) {
    t.equal(await ep.locator(`[data-testid=bids-compare] thead [data-testid=org-link][data-org-id="${c.id}"]`).textContent(), c.name, `${c.name} links to its profile`)
  }
  await ep.click(`[data-testid=bids-compare] [data-testid=org-link][data-org-id="${newcomer?.id ?? ''}"]`)
  await ep.waitForURL(`**/organizations/${newcomer?.id ?? ''}`)
  await checkRecord(t, ep, newcomer as Profile, 'zh')
  t.equal(await ep.textContent('[data-figure=completionRate] strong'), '暂无数据', 'a null rate is not 0 %')
  t.match(await ep.textContent('[data-testid=org-kind]'), /^院校或培训机构/)
  await ep.goBack()
  await ep.click(`[data-testid=bids-compare] [data-testid=org-link][data-org-id="${veteran?.id ?? ''}"]`)
  await ep.waitForURL(`**/organizations/${veteran?.id ?? ''}`)
  await checkRecord(t, ep, veteran as Profile, 'zh')
  await axeClean(t, ep, 'organization-college-zh')
  await ep.click('[data-testid=lang-switch]')
  await checkRecord(t, ep, veteran as Profile, 'en')
  await axeClean(t, ep, 'organization-college-en')
})

t.test('an enterprise without a record, links from match and recommendation rows, and an unknown organization', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asCollege = await apiAs(base, demo.college)
  const feed = (await asCollege<{ items: { order: Order, reasons: Reason[] }[] }>('GET', '/v1/recommendations/orders?limit=10')).items
  t.ok(feed.length > 0 && feed.every((i) => i.reasons.some((r) => r.factor === 'promise_kept')), 'the feed weighs each enterprise’s promises')

  // The college's feed: each recommended order's enterprise links to its profile, the factor has its translated label.
  const { page: cp } = await newPage(browser, base)
  await loginAs(cp, demo.college)
  for (const item of feed) {
    const row = cp.locator(`[data-testid=order-row][data-order-id="${item.order.id}"]`)
    t.equal(await row.locator('[data-testid=org-link]').getAttribute('data-org-id'), item.order.organization.id, 'the enterprise links to its profile')
  }
  const first = cp.locator(`[data-testid=order-row][data-order-id="${feed[0]?.order.id ?? ''}"]`)
  await first.locator('summary').click()
  t.match(await first.locator('.reasons').textContent(), /录用承诺兑现：得分 \d+%（权重 \d+%）/)
  t.notMatch(await first.locator('.reasons').textContent(), /promise_kept/, 'no raw factor name')

  // An enterprise with no ended orders: its rate is "no data yet", on its order's page and on its profile.
  const awarded = (await asCollege<Listed>('GET', '/v1/orders?alliance=aluminum&limit=100')).items.find((o) => o.title?.startsWith('Aluminum extrusion'))
  const order = await asCollege<Order>('GET', `/v1/orders/${awarded?.id ?? ''}`)
  const alloy = await asCollege<Profile>('GET', `/v1/organizations/${order.organization.id}`)
  t.equal(alloy.trackRecord['promiseKeptRate'], null, 'the API has no rate for it yet')
  await cp.goto(`/orders/${order.id}`)
  t.equal(await cp.locator('[data-testid=enterprise-kept-rate]').textContent(), '录用承诺兑现率：暂无数据')
  // The college reads the award notice of its approved match: the college's name links to the profile too.
  const notice = cp.locator('[data-testid=award-notice]').first()
  await notice.waitFor()
  const matchCollege = await notice.locator('[data-testid=org-link]').getAttribute('data-org-id')
  const me = await asCollege<{ user: { organizationId: string } }>('GET', '/v1/me')
  t.equal(matchCollege, me.user.organizationId, 'the awarded college links to its own profile')
  await cp.click(`.details [data-testid=org-link][data-org-id="${alloy.id}"]`)
  await cp.waitForURL(`**/organizations/${alloy.id}`)
  await checkRecord(t, cp, alloy, 'zh')
  await cp.click('[data-testid=lang-switch]')
  await checkRecord(t, cp, alloy, 'en')
  t.equal(await cp.textContent('[data-figure=promiseKeptRate] strong'), 'No data yet')

  // The coordinator's queue: the proposed match's college links to its profile.
  const asCoordinator = await apiAs(base, demo.coordinator)
  const proposed = (await asCoordinator<{ items: { id: string, college: { id: string, name: string } }[] }>('GET', '/v1/matches?status=proposed')).items
  const { page: op } = await newPage(browser, base)
  await loginAs(op, demo.coordinator)
  const matchRow = op.locator(`[data-testid=match-row][data-match-id="${proposed[0]?.id ?? ''}"]`)
  await matchRow.waitFor()
  await matchRow.locator(`[data-testid=org-link][data-org-id="${proposed[0]?.college.id ?? ''}"]`).click()
  await op.waitForURL(`**/organizations/${proposed[0]?.college.id ?? ''}`)
  t.equal(await op.textContent('[data-testid=org-name]'), proposed[0]?.college.name)

  // An unknown id: the API's 404 is a plain "not found" page, in both languages.
  const unknown = '01J0000000000000000000NONE'
  await t.rejects(asCollege('GET', `/v1/organizations/${unknown}`), /: 404 /, 'the API knows no such organization')
  await openInApp(op, `/organizations/${unknown}`)
  const missing = op.locator('[data-testid=org-not-found]')
  await missing.waitFor()
  t.match(await missing.locator('[role=alert]').textContent(), /没有与此地址对应的机构/)
  t.equal(await op.locator('[data-testid=org-profile]').count(), 0, 'no profile shown')
  await axeClean(t, op, 'organization-not-found-zh')
  await op.click('[data-testid=lang-switch]')
  t.match(await missing.locator('[role=alert]').textContent(), /There is no organization with this address/)
  t.match(await op.textContent('h1'), /Organization not found/)
  await axeClean(t, op, 'organization-not-found-en')
})

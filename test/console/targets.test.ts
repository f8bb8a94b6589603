// Browser: an alliance's yearly targets: members read them without a form, a coordinator sets them through the form (PUT), a year without targets, the API's problem; both languages.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot, apiAs, type Call } from './browser.ts'
import { seriousViolations } from './axe.ts'

t.setTimeout(400_000)

type Tap = { same: (a: unknown, b: unknown, m: string) => unknown, equal: (a: unknown, b: unknown, m: string) => unknown }
type Key = 'ordersAwarded' | 'seatsCompleted' | 'hires' | 'promiseKeptRate'
type Figures = Record<Key, number | null>
type View = {
  year: number
  targets: Partial<Record<Key, number>>
  actual: Figures
  progress: Partial<Record<Key, number | null>>
  midYear: { date: string, actual: Figures } | null
  onTrack: Partial<Record<Key, boolean>>
}

const KEYS: Key[] = ['ordersAwarded', 'seatsCompleted', 'hires', 'promiseKeptRate']
const WORDS = {
  zh: { notSet: '未设定', noData: '暂无数据', yes: '进度正常', no: '进度落后' },
  en: { notSet: 'Not set', noData: 'No data yet', yes: 'On track', no: 'Behind' }
}
const year = new Date().getUTCFullYear()

async function axeClean (t: Tap, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

const pct = (v: number) => `${Math.round(v * 100)}%`

/** Each row of the table as the page shows it, against the API's answer for the same year. */
async function checkTable (t: Tap, page: Page, view: View, lang: 'zh' | 'en') {
  const w = WORDS[lang]
  const figure = (key: Key, v: number | null) => key === 'promiseKeptRate' ? (v === null ? w.noData : pct(v)) : String(v)
  for (const key of KEYS) {
    const row = page.locator(`[data-testid=target-row][data-metric=${key}]`)
    const cell = (name: string) => row.locator(`[data-cell=${name}]`).textContent().then((s) => s?.trim())
    const target = view.targets[key]
    t.equal(await cell('target'), target === undefined ? w.notSet : figure(key, target), `${view.year} ${key} target (${lang})`)
    t.equal(await cell('actual'), figure(key, view.actual[key]), `${view.year} ${key} actual (${lang})`)
    const progress = view.progress[key]
    t.equal(await cell('progress'), progress === undefined || progress === null ? '—' : pct(progress), `${view.year} ${key} progress (${lang})`)
    const onTrack = view.onTrack[key]
    t.equal(await cell('on-track'), onTrack === undefined ? '—' : onTrack ? w.yes : w.no, `${view.year} ${key} on track (${lang})`)
    if (view.midYear) t.equal(await cell('mid-year'), figure(key, view.midYear.actual[key]), `${view.year} ${key} at mid-year (${lang})`)
    else t.equal(await row.locator('[data-cell=mid-year]').count(), 0, `${view.year} ${key}: no mid-year check yet`)
  }
}

/** A year without targets: the API's 404, which the test checks before the page shows it. */
async function freeYear (t: Tap & { rejects: (p: Promise<unknown>, re: RegExp, m: string) => unknown }, call: Call, code: string, y: number) {
  await t.rejects(call('GET', `/v1/alliances/${code}/targets/${y}`), /: 404 /, `${y} has no targets`)
}

t.test('a member reads the targets, in Chinese and English, without a form', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asMember = await apiAs(base, demo.enterprise)
  const view = await asMember<View>('GET', `/v1/alliances/equipment/targets/${year}`)
  t.ok(Object.keys(view.targets).length > 0, 'the demo alliance has targets this year')

  const { page } = await newPage(browser, base)
  await loginAs(page, demo.enterprise)
  await page.click('nav.menu >> text=联盟')
  const links = page.locator('[data-testid=targets-link]')
  await links.first().waitFor()
  const me = await asMember<{ memberships: { allianceCode: string, status: string }[] }>('GET', '/v1/me')
  const active = me.memberships.filter((m) => m.status === 'active').map((m) => m.allianceCode).sort()
  t.same((await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-alliance')))).sort(), active, 'a link for each alliance it is an active member of')
  await page.click('[data-testid=targets-link][data-alliance=equipment]')
  await page.waitForURL('**/alliances/equipment/targets')
  await page.waitForSelector('[data-testid=targets-table]')
  t.match(await page.textContent('h1'), /年度目标 · 装备制造及汽车零部件/)
  t.equal(await page.inputValue('[data-testid=targets-year]'), String(year), 'the current year by default')
  await checkTable(t, page, view, 'zh')
  t.equal(await page.locator('[data-testid=targets-form]').count(), 0, 'a member has no form')
  await axeClean(t, page, 'targets-member-zh')

  await page.click('[data-testid=lang-switch]')
  await page.waitForSelector('html[lang=en]')
  await checkTable(t, page, view, 'en')
  t.match(await page.textContent('h1'), /Yearly targets · Equipment Manufacturing/)
  await axeClean(t, page, 'targets-member-en')

  // Next year has no targets: an empty state, still without a form.
  await freeYear(t, asMember, 'equipment', year + 1)
  await page.selectOption('[data-testid=targets-year]', String(year + 1))
  await page.waitForSelector('[data-testid=targets-empty]')
  t.equal(await page.textContent('[data-testid=targets-empty]'), `No targets have been set for ${year + 1}.`)
  t.equal(await page.locator('[data-testid=targets-form]').count(), 0, 'still no form')
  t.equal(await page.locator('[data-testid=targets-table]').count(), 0, 'no table')
  t.match(page.url(), new RegExp(`\\?year=${year + 1}$`), 'the year is in the address')
})

t.test('a coordinator sets a year’s targets through the form; the API’s problem is shown', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asCoordinator = await apiAs(base, demo.coordinator)
  const current = await asCoordinator<View>('GET', `/v1/alliances/equipment/targets/${year}`)

  const { page } = await newPage(browser, base)
  await loginAs(page, demo.coordinator)
  await page.click('nav.menu >> text=联盟')
  await page.waitForSelector('[data-testid=targets-link]')
  t.same(await page.locator('[data-testid=targets-link]').evaluateAll((as) => as.map((a) => a.getAttribute('data-alliance'))), ['equipment'], 'only its own alliance')
  await page.click('[data-testid=targets-link]')
  await page.waitForSelector('[data-testid=targets-form]')
  await checkTable(t, page, current, 'zh')
  // The form holds the year's targets, the rate as a percentage.
  for (const key of KEYS) {
    const v = current.targets[key]
    const shown = v === undefined ? '' : key === 'promiseKeptRate' ? String(Math.round(v * 10_000) / 100) : String(v)
    t.equal(await page.inputValue(`#t-${key}`), shown, `the form holds the ${key} target`)
  }
  await axeClean(t, page, 'targets-coordinator-zh')

  // Next year has none: the empty state and the form; saving three targets (one left empty) shows them.
  const next = year + 1
  await freeYear(t, asCoordinator, 'equipment', next)
  await page.selectOption('[data-testid=targets-year]', String(next))
  await page.waitForSelector('[data-testid=targets-empty]')
  t.match(await page.textContent('[data-testid=targets-empty]'), new RegExp(`${next} 年尚未设定目标，可在下方设定`))
  t.equal(await page.inputValue('#t-hires'), '', 'an empty form for a year without targets')
  await page.fill('#t-ordersAwarded', '6')
  await page.fill('#t-hires', '24')
  await page.fill('#t-promiseKeptRate', '75')
  await page.click('[data-testid=save-targets]')
  await page.waitForSelector('[data-testid=targets-table]')
  t.match(await page.textContent('[role=status]'), /目标已保存/)
  const saved = await asCoordinator<View>('GET', `/v1/alliances/equipment/targets/${next}`)
  t.same(saved.targets, { ordersAwarded: 6, hires: 24, promiseKeptRate: 0.75 }, 'the API holds what was typed, the empty field unset')
  await checkTable(t, page, saved, 'zh')
  t.equal(await page.locator('[data-testid=targets-empty]').count(), 0, 'no empty state any more')
  t.ok(await page.locator('[data-testid=mid-year-later]').isVisible(), 'a future year has no mid-year check yet')

  // A reload keeps the year; a member reads the new targets too.
  await page.reload()
  await page.waitForSelector('[data-testid=targets-table]')
  await checkTable(t, page, saved, 'zh')
  const asMember = await apiAs(base, demo.college)
  t.same((await asMember<View>('GET', `/v1/alliances/equipment/targets/${next}`)).targets, saved.targets, 'members read what the coordinator set')

  // An empty form is sent and refused: the API's 400 (RFC 9457) is shown in the form, in words.
  for (const key of KEYS) await page.fill(`#t-${key}`, '')
  const [refused] = await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'PUT'),
    page.click('[data-testid=save-targets]')
  ])
  t.equal(refused.status(), 400)
  t.match(refused.headers()['content-type'], /^application\/problem\+json/)
  t.equal((await refused.json() as { code: string }).code, 'validation_failed')
  const alert = page.locator('[role=alert]')
  await alert.waitFor()
  t.equal(await alert.textContent(), '请至少设定一项目标后再保存。')
  // A rate over 100 % is held back by the form's own limits (it is a percentage there, 0–1 in the API).
  await page.fill('#t-promiseKeptRate', '150')
  await page.click('[data-testid=save-targets]')
  t.ok(await page.$eval('#t-promiseKeptRate', (el) => (el as unknown as { validity: { rangeOverflow: boolean } }).validity.rangeOverflow), 'out of range')
  t.same((await asCoordinator<View>('GET', `/v1/alliances/equipment/targets/${next}`)).targets, saved.targets, 'nothing changed')
  await axeClean(t, page, 'targets-problem-zh')

  // English: the form and the table.
  await page.click('[data-testid=lang-switch]')
  await page.waitForSelector('html[lang=en]')
  await checkTable(t, page, saved, 'en')
  t.match(await page.textContent('[data-testid=targets-form]'), /Orders awarded[\s\S]*Hiring promise kept \(%\)[\s\S]*Save the targets/)
  await axeClean(t, page, 'targets-coordinator-en')
})

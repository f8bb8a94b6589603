// Browser: the inbox and the header's unread count: equal to the API's after navigation and marking read, in both languages.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot, apiAs, type Call } from './browser.ts'
import { seriousViolations } from './axe.ts'

t.setTimeout(300_000)

type Inbox = { items: { id: string, event: { type: string, orderId: string | null }, readAt: string | null }[], nextCursor: string | null, unreadCount: number }

const day = 86_400_000
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Creates and publishes an order of the demo enterprise in the equipment alliance; its id. */
async function publishOrder (asEnterprise: Call, title: string): Promise<string> {
  const now = Date.now()
  const draft = await asEnterprise<{ id: string }>('POST', '/v1/orders', {
    allianceCode: 'equipment',
    title,
    occupation: '数控铣工',
    description: '为精密零部件产线培养数控铣床操作工，结业后择优录用。',
    skills: ['数控', 'cnc-machining'],
    headcount: 12,
    location: '宁波北仑',
    trainingStart: isoDate(now + 40 * day),
    trainingEnd: isoDate(now + 160 * day),
    bidDeadline: new Date(now + 20 * day).toISOString(),
    budgetPerTrainee: 8000,
    hiringCommitment: { positions: 10, monthlySalaryMin: 6000, monthlySalaryMax: 9000 }
  })
  await asEnterprise('POST', `/v1/orders/${draft.id}/publish`)
  return draft.id
}

/** Waits (up to 10 s) until the header shows `expected`, then returns what it shows (so a mismatch fails with both numbers). */
async function headerCount (page: Page, expected: number): Promise<number> {
  const shown = async () => Number(await page.locator('[data-testid=unread-count]').textContent({ timeout: 10_000 }))
  for (let i = 0; i < 50 && await shown() !== expected; i++) await page.waitForTimeout(200)
  return shown()
}

type Tap = { same: (a: unknown, b: unknown, m: string) => unknown }

async function axeClean (t: Tap, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

t.test('the inbox in the console: sentences in both languages, marking read, and a header count equal to the API', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asEnterprise = await apiAs(base, demo.enterprise)
  const asCollege = await apiAs(base, demo.college)
  const inbox = (query = '') => asCollege<Inbox>('GET', `/v1/notifications?limit=100${query}`)

  const firstTitle = '数控铣床操作工订单培养（通知测试一）'
  const firstId = await publishOrder(asEnterprise, firstTitle)
  const before = await inbox()
  t.ok(before.items.some((n) => n.event.type === 'order.published' && n.event.orderId === firstId), 'the member college was notified through the API')

  // The college logs in: the header shows the API's count.
  const { page } = await newPage(browser, base)
  await loginAs(page, demo.college)
  t.equal(await headerCount(page, before.unreadCount), before.unreadCount, 'the header count equals the API unreadCount after login')
  const link = page.locator('a.inbox-link')
  t.equal(await page.getByRole('link', { name: `通知 ${before.unreadCount} 条未读`, exact: true }).count(), 1, 'the count has an accessible name')

  // A second order is published meanwhile: moving to another page refreshes the count.
  const secondTitle = '数控铣床操作工订单培养（通知测试二）'
  const secondId = await publishOrder(asEnterprise, secondTitle)
  const after = (await inbox()).unreadCount
  t.equal(after, before.unreadCount + 1, 'one more unread notification in the API')
  await page.click('nav.menu >> text=我的投标')
  await page.waitForURL('**/bids')
  t.equal(await headerCount(page, after), after, 'the header count follows after navigation')

  // The header's count leads to the inbox, in Chinese.
  await link.click()
  await page.waitForURL('**/notifications')
  const row = (orderId: string) => page.locator(`[data-testid=notification-row][data-event-type="order.published"]:has(a[href="/orders/${orderId}"])`)
  await row(secondId).waitFor()
  t.match(await page.textContent('h1'), /通知/)
  t.match(await row(firstId).locator('[data-testid=notification-text]').textContent(), /^有新的订单发布$/)
  t.match(await row(firstId).locator('[data-testid=notification-unread]').textContent(), /未读/, 'unread marked in words')
  await row(firstId).locator(`[data-testid=notification-order]:has-text("${firstTitle}")`).waitFor()
  const listed = await page.locator('[data-testid=notification-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-notification-id')))
  const api = await asCollege<Inbox>('GET', `/v1/notifications?limit=${listed.length}`)
  t.same(listed, api.items.map((n) => n.id), 'the page lists what the API returned, newest first')
  await axeClean(t, page, 'notifications-zh')

  // One marked read: the header and the API agree.
  await row(firstId).locator('[data-testid=mark-read]').click()
  await row(firstId).locator('[data-testid=notification-unread]').waitFor({ state: 'detached' })
  const oneRead = (await inbox()).unreadCount
  t.equal(oneRead, after - 1, 'the API counts one fewer')
  t.equal(await headerCount(page, oneRead), oneRead, 'and so does the header')
  t.equal(await page.locator(':focus').getAttribute('data-testid'), 'notification-text', 'focus stays on the notification')

  // Unread only: the one just read is gone from the list, the other stays.
  await page.check('[data-testid=unread-only]')
  await row(firstId).waitFor({ state: 'detached' })
  await row(secondId).waitFor()
  t.equal(await page.locator('[data-testid=notification-row]').count(), Math.min(oneRead, 20), 'only unread notifications, one page of them')

  // English: the same inbox in English.
  await page.click('[data-testid=lang-switch]')
  await page.waitForSelector('html[lang=en]')
  t.match(await page.textContent('h1'), /Notifications/)
  t.match(await row(secondId).locator('[data-testid=notification-text]').textContent(), /^A new order was published$/)
  t.match(await row(secondId).textContent(), /Unread/)
  t.match(await page.textContent('[data-testid=mark-all-read]'), /Mark all as read/)
  t.equal(await page.getByRole('link', { name: `Notifications ${oneRead} unread`, exact: true }).count(), 1, 'named in English too')
  await axeClean(t, page, 'notifications-en')

  // All marked read: 0 in the header and in the API; the unread-only list is empty.
  await page.click('[data-testid=mark-all-read]')
  await page.waitForSelector('[data-testid=notifications-empty]')
  t.equal((await inbox()).unreadCount, 0, 'the API counts none')
  t.equal(await headerCount(page, 0), 0, 'the header shows 0')
  t.match(await page.textContent('[data-testid=notifications-empty]'), /No unread notifications/)
  await page.uncheck('[data-testid=unread-only]')
  await row(firstId).waitFor()
  t.equal(await page.locator('[data-testid=notification-unread]').count(), 0, 'nothing marked unread')
  await axeClean(t, page, 'notifications-all-read-en')

  // The inbox is a page of its own: loaded directly it shows, with the count.
  await page.reload()
  await row(secondId).waitFor()
  t.equal(await headerCount(page, 0), 0, 'still 0 after a reload')
})

// Browser: fair tendering through the console: an amendment and the bid's confirmation, questions and answers, a complaint decided from the queue, in both languages.
import t from 'tap'
import type { Page } from 'playwright-core'
import { startServer, launchBrowser, newPage, loginAs, demo, shot, apiAs } from './browser.ts'
import { seriousViolations } from './axe.ts'

t.setTimeout(400_000)

type Listed = { items: { id: string, title?: string, status?: string }[] }

type Tap = { same: (a: unknown, b: unknown, m: string) => unknown }

async function axeClean (t: Tap, page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await shot(page, name)
  t.same(await seriousViolations(page), [], `${name}: no serious or critical axe violations`)
}

t.test('amendment and confirmation, questions and answers, a complaint upheld from the queue', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const asEnterprise = await apiAs(base, demo.enterprise)
  const mine = await asEnterprise<Listed>('GET', '/v1/orders?mine=true&limit=100')
  const openId = mine.items.find((o) => o.title === '数控车床操作工定向培养')?.id ?? ''
  const evaluatingId = mine.items.find((o) => o.title?.startsWith('汽车零部件焊工培训'))?.id ?? ''
  t.ok(openId && evaluatingId, 'the demo orders are there')

  // Enterprise: amends the open order (location and headcount) from the order form in its amend mode.
  const { page: ep } = await newPage(browser, base)
  await loginAs(ep, demo.enterprise)
  await ep.goto(`/orders/${openId}`)
  await ep.click('[data-testid=amend-order]')
  await ep.waitForSelector('#o-title')
  t.match(await ep.textContent('h1'), /变更订单/)
  t.match(await ep.textContent('[data-testid=amend-warning]'), /重新确认.*72 小时/)
  t.match(await ep.textContent('[data-testid=amend-changes]'), /未变更实质性条款/)
  await ep.fill('#o-location', '宁波北仑（新厂区）')
  await ep.fill('#o-headcount', '28')
  t.match(await ep.textContent('[data-testid=amend-changes]'), /本次变更的条款：培养人数、培训地点/)
  await axeClean(t, ep, 'amend-form-zh')
  await ep.click('[data-testid=save-order]')
  await ep.waitForSelector('text=变更公告已发布')
  t.match(await ep.textContent('.details'), /宁波北仑（新厂区）/)

  // The bidding college: its bid waits for confirmation; it confirms it unchanged from "my bids".
  const { page: cp2 } = await newPage(browser, base)
  await loginAs(cp2, demo.college2)
  await cp2.click('nav.menu >> text=我的投标')
  const bidRow = cp2.locator('[data-testid=bid-row]', { hasText: '数控车床操作工定向培养' })
  await bidRow.locator('.badge-needs_confirmation').waitFor()
  t.match(await cp2.textContent('[data-testid=bids-to-confirm]'), /订单已变更，请确认投标/)
  await bidRow.locator('[data-testid=confirm-bid]').click()
  await bidRow.locator('.badge-submitted').waitFor()
  t.match(await cp2.textContent('[role=status]'), /投标已确认/)

  // A second amendment cuts the headcount under the bid's cohort: confirming it unchanged is refused, a revision confirms it.
  await ep.click('[data-testid=amend-order]')
  await ep.waitForSelector('#o-title')
  await ep.fill('#o-headcount', '10')
  await ep.fill('#o-positions', '10')
  t.match(await ep.textContent('[data-testid=amend-changes]'), /培养人数、录用承诺/)
  await ep.click('[data-testid=save-order]')
  await ep.waitForSelector('text=变更公告已发布')

  await cp2.goto(`/orders/${openId}`)
  await cp2.waitForSelector('[data-testid=bid-confirm]')
  t.match(await cp2.textContent('[data-testid=my-bid-status]'), /待确认/)
  t.match(await cp2.textContent('[data-testid=bid-confirm]'), /订单已变更/)
  await cp2.click('[data-testid=confirm-bid]')
  const problem = cp2.locator('[data-testid=confirm-problem]')
  await problem.waitFor()
  t.match(await problem.textContent(), /投标已不符合变更后的订单（培养人数）/, 'the 422 says what no longer fits')
  t.match(await problem.textContent(), /cohortSize/, "and shows the problem's detail")
  await cp2.fill('#b-size', '10')
  await cp2.click('[data-testid=bid-form] button[type=submit]')
  await cp2.waitForSelector('text=修改已保存。')
  t.match(await cp2.textContent('[data-testid=my-bid-status]'), /已提交.*第 2 版/)
  t.equal(await cp2.locator('[data-testid=bid-confirm]').count(), 0, 'nothing left to confirm')

  // Questions: another college asks (in Chinese); the owner answers without learning who asked.
  const { page: cp } = await newPage(browser, base)
  await loginAs(cp, demo.college)
  await cp.goto(`/orders/${openId}`)
  await cp.waitForSelector('#ask-text')
  await cp.fill('#ask-text', '请问培训期间是否为学员提供住宿？')
  await cp.click('[data-testid=ask-question]')
  const asked = cp.locator('[data-testid=question-row]', { hasText: '是否为学员提供住宿' })
  await asked.waitFor()
  t.match(await asked.textContent(), /我方提问/)
  t.match(await asked.textContent(), /尚未答复/)

  await ep.goto(`/orders/${openId}`)
  const ownerRow = ep.locator('[data-testid=question-row]', { hasText: '是否为学员提供住宿' })
  await ownerRow.waitFor()
  t.equal(await ownerRow.locator('[data-testid=question-mine]').count(), 0, 'not the owner’s question')
  t.equal(await ownerRow.locator('[data-testid=question-asked-by]').count(), 0, 'the owner is not told who asked')
  t.equal(await ep.locator('#ask-text').count(), 0, 'the owner does not ask')
  await axeClean(t, ep, 'owner-questions-zh')
  await ownerRow.locator('textarea').fill('提供。园区宿舍免费入住，四人一间。')
  await ownerRow.locator('[data-testid=answer-question]').click()
  await ownerRow.locator('[data-testid=question-answer]').waitFor()
  t.match(await ownerRow.textContent(), /答：\s*提供。园区宿舍免费入住/)
  t.equal(await ownerRow.locator('textarea').count(), 0, 'answered once: no answer box left')

  await cp.reload()
  await asked.locator('[data-testid=question-answer]').waitFor()
  t.match(await asked.textContent(), /园区宿舍免费入住/)
  await cp2.reload()
  const seenByOther = cp2.locator('[data-testid=question-row]', { hasText: '是否为学员提供住宿' })
  await seenByOther.waitFor()
  t.equal(await seenByOther.locator('[data-testid=question-mine]').count(), 0, 'another college does not see it as its own')
  t.match(await seenByOther.textContent(), /园区宿舍免费入住/)

  // Complaint: the match on the evaluating order is approved through the API; the losing bidder complains in the console.
  const asCoordinator = await apiAs(base, demo.coordinator)
  const proposed = await asCoordinator<Listed>('GET', `/v1/matches?orderId=${evaluatingId}&status=proposed`)
  const matchId = proposed.items[0]?.id ?? ''
  const approved = await asCoordinator<{ cohortId: string | null }>('POST', `/v1/matches/${matchId}/approve`, {})

  await cp2.goto(`/orders/${evaluatingId}`)
  const notice = cp2.locator(`[data-testid=award-notice][data-match-id="${matchId}"]`)
  await notice.waitFor()
  t.match(await notice.textContent(), /宁波机电职业技术学院：10 个名额/)
  t.match(await notice.locator('[data-testid=standstill]').textContent(), /公示期至/)
  await axeClean(t, cp2, 'award-notice-zh')
  await notice.locator('textarea').fill('中标院校的实训工位不足以同时容纳 10 名学员。')
  await notice.locator('[data-testid=file-complaint]').click()
  await notice.locator('[data-testid=complaint]').waitFor()
  t.match(await notice.textContent(), /我方质疑/)
  t.equal(await notice.locator('[data-testid=complaint-form]').count(), 0, 'one complaint per award')

  // The awarded college's cohort cannot start during the standstill, nor while the complaint waits.
  await cp.click('nav.menu >> text=培训班')
  // The demo holds earlier cohorts of the same enterprise and college: the row is the approved match's cohort.
  await cp.locator(`[data-testid=cohort-row][data-cohort-id="${approved.cohortId ?? ''}"]`).locator('a').click()
  await cp.waitForSelector('[data-testid=standstill-notice]')
  t.match(await cp.textContent('[data-testid=standstill-notice]'), /公示期至 .*方可开班/)
  t.match(await cp.textContent('[data-testid=complaint-blocks]'), /有待处理的质疑/)
  t.ok(await cp.locator('[data-testid=start-cohort]').isDisabled(), 'no start button to press')

  // Coordinator: sees who asked on the order page, then upholds the complaint from the queue.
  const { page: op } = await newPage(browser, base)
  await loginAs(op, demo.coordinator)
  await op.goto(`/orders/${openId}`)
  t.match(await op.locator('[data-testid=question-row]', { hasText: '是否为学员提供住宿' }).locator('[data-testid=question-asked-by]').textContent(), /提问院校：宁波机电职业技术学院/)
  await op.click('nav.menu >> text=待审批')
  const complaintRow = op.locator('[data-testid=complaint-row]', { hasText: '实训工位不足' })
  await complaintRow.waitFor()
  const rowText = await complaintRow.textContent()
  t.match(rowText, /汽车零部件焊工培训/)
  t.match(rowText, /宁波机电职业技术学院：10 个名额/)
  t.match(rowText, /质疑院校：Eastport Technical School/)
  t.match(rowText, /公示期至/)
  await axeClean(t, op, 'complaint-queue-zh')
  t.ok(await complaintRow.locator('[data-testid=uphold-complaint]').isDisabled(), 'a decision needs its reasons')
  await complaintRow.locator('textarea').fill('经核实，实训工位确实不足，质疑成立。')
  await complaintRow.locator('[data-testid=uphold-complaint]').click()
  await complaintRow.waitFor({ state: 'detached' })
  t.match(await op.textContent('[data-testid=complaint-queue]'), /质疑成立，匹配已撤销。/)

  // The parties see the decision: the complainant on its order page, the owner on its own, the awarded college's cohort cancelled.
  await cp2.reload()
  await notice.locator('.badge-revoked').waitFor()
  await notice.locator('[data-testid=complaint-decision]').waitFor()
  t.match(await notice.textContent(), /质疑成立.*处理意见：经核实，实训工位确实不足/)
  await ep.goto(`/orders/${evaluatingId}`)
  await ep.waitForSelector('[data-testid=order-complaints]')
  t.match(await ep.textContent('[data-testid=order-complaints]'), /处理意见：经核实/)
  t.equal(await ep.locator('[data-testid=complainant]').count(), 0, 'the owner is not told who complained')
  t.match(await ep.textContent('h1'), /评标中/)
  await cp.reload()
  await cp.waitForSelector('h1 .badge-cancelled')

  // English: the new sections switch with the language.
  await cp2.click('[data-testid=lang-switch]')
  await cp2.waitForSelector('html[lang=en]')
  const english = await cp2.textContent('main')
  t.match(english, /Award notices/)
  t.match(english, /Revoked/)
  t.match(english, /Upheld/)
  t.match(english, /Your complaint/)
  t.match(english, /Questions and answers/)
  await axeClean(t, cp2, 'award-notice-en')
  await cp2.goto(`/orders/${openId}`)
  await cp2.waitForSelector('#ask-text')
  t.match(await cp2.textContent('[data-testid=order-questions]'), /Ask a question[\s\S]*Questions close/)
  t.match(await cp2.textContent('[data-testid=order-questions]'), /A:\s*提供/, 'data stays as written')
  await op.click('[data-testid=lang-switch]')
  t.match(await op.textContent('[data-testid=complaint-queue]'), /Complaints to decide[\s\S]*Dismiss the complaint[\s\S]*Uphold it/)
  await ep.click('[data-testid=lang-switch]')
  await ep.goto(`/orders/${openId}/edit`)
  await ep.waitForSelector('[data-testid=amend-warning]')
  t.match(await ep.textContent('[data-testid=amend-warning]'), /amendment[\s\S]*confirmed again/)
  t.match(await ep.textContent('form.grid-form'), /Questions close[\s\S]*Minimum bids/)
  await axeClean(t, ep, 'amend-form-en')
})

// Browser: an enterprise posts and publishes an order, a college finds it and bids with the curriculum builder, the enterprise closes and proposes seats, the coordinator approves.
import t from 'tap'
import { startServer, launchBrowser, newPage, loginAs, demo, shot } from './browser.ts'

t.setTimeout(400_000)

t.test('order to approved match, through the console only', async (t) => {
  const base = await startServer(t)
  const browser = await launchBrowser(t)
  const title = `数控车工定向培养 ${Date.now()}`

  // Enterprise: a draft from the form (skills picked by a Chinese alias), then published.
  const enterprise = await newPage(browser, base)
  const ep = enterprise.page
  await loginAs(ep, demo.enterprise)
  await ep.click('nav.menu >> text=发布订单')
  await ep.fill('#o-title', title)
  await ep.fill('#o-occupation', '数控车工')
  await ep.fill('#o-skills', '数控')
  await ep.press('#o-skills', 'Enter')
  await ep.fill('#o-skills', 'quality')
  await ep.click('.suggestions button')
  t.same(await ep.locator('.tags.chosen li').allInnerTexts().then((l) => l.map((s) => s.replace('×', '').trim())), ['数控加工', '质量检测'])
  await ep.fill('#o-headcount', '40')
  await ep.fill('#o-location', '宁波北仑')
  await ep.fill('#o-start', '2027-09-01')
  await ep.fill('#o-end', '2027-12-20')
  await ep.fill('#o-deadline', '2027-06-30T16:00')
  await ep.fill('#o-budget', '6000')
  await ep.fill('#o-positions', '30')
  await shot(ep, 'order-form-zh')
  await ep.click('form.grid-form button[type=submit]')
  await ep.waitForSelector('[data-testid=publish-order]')
  const orderId = ep.url().split('/').pop() ?? ''
  t.match(await ep.textContent('h1'), /草稿/)
  await ep.click('[data-testid=publish-order]')
  await ep.waitForSelector('[data-testid=close-bidding]')
  t.match(await ep.textContent('h1'), /投标中/)
  t.match(await ep.textContent('main'), /标书密封/, 'the owner is told bids are sealed')
  t.equal(await ep.locator('[data-testid=bids-compare]').count(), 0, 'no bids shown while open')

  // College: finds it by search, bids with two modules; totals follow the typing.
  const college = await newPage(browser, base)
  const cp = college.page
  await loginAs(cp, demo.college)
  await cp.click('nav.menu >> text=订单')
  await cp.fill('#f-q', '数控车工')
  await cp.click('form.filters button[type=submit]')
  const row = cp.locator(`[data-testid=order-row][data-order-id="${orderId}"]`)
  await row.waitFor()
  t.match(await row.textContent(), title)
  await row.locator('a.row-title').click()
  await cp.waitForSelector('[data-testid=bid-form]')
  t.notMatch(await cp.textContent('main'), /已收到投标/, 'a college never sees the bid count')
  await cp.fill('#b-size', '20')
  await cp.fill('#b-price', '5000')
  await cp.fill('#m-title-0', '数控车床编程基础')
  await cp.fill('#m-hours-0', '60')
  await cp.click('[data-testid=add-module]')
  await cp.fill('#m-title-1', '车削实训')
  await cp.fill('#m-hours-1', '120')
  await cp.selectOption('#m-kind-1', 'practice')
  await cp.fill('#m-cert-1', '数控车工四级')
  t.match(await cp.textContent('[data-testid=bid-totals]'), /合计：180 学时，100,000 元/)
  t.match(await cp.textContent('[data-testid=bid-totals]'), /理论 60 · 实训 120 · 顶岗实习 0/)
  await shot(cp, 'bid-form-zh')
  await cp.click('[data-testid=bid-form] button[type=submit]')
  await cp.waitForSelector('text=投标已提交。')

  // Enterprise: closes bidding, compares, proposes 15 seats.
  await ep.reload()
  await ep.waitForSelector('[data-testid=close-bidding]')
  await ep.click('[data-testid=close-bidding]')
  await ep.waitForSelector('[data-testid=bids-compare]')
  t.match(await ep.textContent('h1'), /评标中/)
  const compare = await ep.textContent('[data-testid=bids-compare]')
  t.match(compare, /宁波机电职业技术学院/)
  t.match(compare, /180/)
  t.match(compare, /数控车工四级/)
  const seats = ep.locator('[data-testid=bids-compare] input[type=number]').first()
  await seats.fill('15')
  await ep.click('[data-testid=propose-match]')
  await ep.waitForSelector('[data-testid=match-row]')
  t.equal(await ep.textContent('[data-testid=seats-left]'), '25', 'seats left after the proposal')
  await shot(ep, 'compare-zh')

  // Coordinator: approves it from the queue, with the order, the bid and the seats left at a glance.
  const coordinator = await newPage(browser, base)
  const op = coordinator.page
  await loginAs(op, demo.coordinator)
  await op.waitForSelector('[data-testid=match-row]')
  const matchRow = op.locator('[data-testid=match-row]', { hasText: title })
  t.match(await matchRow.textContent(), /15 个名额/)
  t.match(await matchRow.textContent(), /180 学时 · 人均 5,000 元/)
  t.match(await matchRow.textContent(), /剩余 25 \/ 40 个名额/)
  const matchId = await matchRow.getAttribute('data-match-id')
  await shot(op, 'queue-zh')
  await matchRow.locator('[data-testid=approve-match]').click()
  await op.locator(`[data-testid=match-row][data-match-id="${matchId}"]`).waitFor({ state: 'detached' })

  await ep.reload()
  await ep.waitForSelector('.badge-approved')
  t.match(await ep.textContent('main'), /已批准/, 'the enterprise sees the approval')
})

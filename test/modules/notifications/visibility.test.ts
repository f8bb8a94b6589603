// Nobody learns through a notification what the API would not show them: awards, questions, complaints, the demo market.
import t from 'tap'
import { api, buildTestApp, login, type Session, type TestApp } from '../../helper.ts'
import { DEMO_COORDINATORS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from '../../../src/seed/demo.ts'
import { approvedMatch, complaintMarket, filed, STANDSTILL } from '../complaints/fixture.ts'
import { openOrder } from '../../helpers/market.ts'
import { wholeFeed, type FeedEvent as Event } from '../../helpers/notifications.ts'

type Notification = { id: string, event: Event, readAt: string | null }

async function inbox (app: TestApp, who: Session): Promise<Notification[]> {
  return (await api(app, who.token, { method: 'GET', url: '/v1/notifications?limit=100' })).json().items
}

const marketTypes = (events: Event[]) => events.map((event) => event.type).filter((type) => !type.startsWith('membership.'))

t.test('an approval is news to the parties and an award notice to the other bidders; the bystander hears nothing', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { matchId } = await approvedMatch(app, f, { seats: 4 })

  const notice = (await inbox(app, f.second)).find((item) => item.event.type === 'match.approved')
  t.ok(notice, 'the other bidder is told of the award')
  t.same(Object.keys(notice?.event.data ?? {}).sort(), ['seats', 'standstillUntil'], 'seats and standstill only: no note, no cohort')
  const party = (await inbox(app, f.college)).find((item) => item.event.type === 'match.approved')
  t.ok(party?.event.data['cohortId'], 'the matched college reads its cohort')
  t.equal((await api(app, f.second.token, { method: 'GET', url: `/v1/matches/${matchId}` })).statusCode, 200, 'as the API shows the notice')
  t.notOk(marketTypes(await wholeFeed(app, f.bystander)).some((type) => type.startsWith('match.')), 'a college that did not bid reads no match')
  t.same(marketTypes(await wholeFeed(app, f.outsider)), [], 'an outsider reads nothing')
  t.same(marketTypes(await wholeFeed(app, f.otherCoordinator)), [], "another alliance's coordinator reads nothing")
})

t.test('a complaint reaches the coordinators, the owner and the matched college, never naming the complainant', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { matchId } = await approvedMatch(app, f)
  await filed(app, f.rival, matchId, '评分过程不透明，请公开评审记录。')

  for (const [who, session] of [['coordinator', f.coordinator], ['owner', f.enterprise], ['matched college', f.college]] as const) {
    const item = (await inbox(app, session)).find((entry) => entry.event.type === 'complaint.filed')
    t.ok(item, `${who}: told`)
    t.notOk(JSON.stringify(item).includes(f.rival.organizationId), `${who}: the complainant is not named`)
  }
  t.notOk((await inbox(app, f.rival)).some((item) => item.event.type === 'complaint.filed'), 'its own filing is not news to the complainant')
  t.ok((await wholeFeed(app, f.rival)).some((event) => event.type === 'complaint.filed'), 'but is in its feed')
  for (const [who, session] of [['other bidder', f.second], ['bystander', f.bystander], ['other coordinator', f.otherCoordinator]] as const) {
    t.notOk((await wholeFeed(app, session)).some((event) => event.type.startsWith('complaint.')), `${who}: nothing`)
  }
})

t.test('a question is news to the owner without the asker; its answer reaches the colleges that see the order', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const order = await openOrder(app, f.enterprise)
  const asked = await api(app, f.rival.token, { method: 'POST', url: `/v1/orders/${String(order['id'])}/questions`, payload: { text: '实训设备型号能否提前告知？' } })
  t.equal(asked.statusCode, 201)
  const question = (await inbox(app, f.enterprise)).find((item) => item.event.type === 'question.asked')
  t.same(question?.event.data, { text: '实训设备型号能否提前告知？' })
  t.notOk(JSON.stringify(await wholeFeed(app, f.enterprise)).includes(f.rival.organizationId), 'the owner never reads who asked')
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url: `/v1/questions/${String(asked.json().id)}/answer`, payload: { answer: '型号为 FANUC 0i-MF。' } })).statusCode, 200)
  for (const [who, session] of [['asker', f.rival], ['bystander college', f.bystander], ['other college', f.second]] as const) {
    t.ok((await inbox(app, session)).some((item) => item.event.type === 'question.answered'), `${who}: told of the answer`)
  }
  t.notOk((await wholeFeed(app, f.outsider)).some((event) => event.type.startsWith('question.')), 'an outsider: nothing')
})

t.test('the demo market: every order a notification names, its recipient may read; sealed bids read as empty', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true', WRITE_RATE_LIMIT: '0', STANDSTILL_SECONDS: '432000' })
  const logins = [...DEMO_COORDINATORS.map((c) => c.email), ...DEMO_ORGANIZATIONS.map((o) => o.email)]
  let checked = 0
  let sealedChecked = 0
  for (const email of logins) {
    const session = await login(app, email, DEMO_PASSWORD)
    for (const event of await wholeFeed(app, session)) {
      if (event.orderId === null) continue
      const order = await api(app, session.token, { method: 'GET', url: `/v1/orders/${event.orderId}` })
      t.equal(order.statusCode, 200, `${email} may read the order of its ${event.type}`)
      const owner = session.organizationId === order.json().organization.id
      if (owner && event.type.startsWith('bid.') && order.json().status === 'open') {
        t.same(event.data, {}, `${email}: a bid on its open order reads as empty`)
        sealedChecked++
      }
      checked++
    }
  }
  t.ok(checked >= 20, `${checked} notifications checked against what the API shows`)
  const waiting = async (email: string) => (await inbox(app, await login(app, email, DEMO_PASSWORD))).map((item) => item.event.type)
  t.ok((await waiting('hr@autoparts.demo.talent-orders.cn')).includes('bid.submitted'), 'the CNC order owner: a sealed bid came')
  t.ok((await waiting('hr@autoparts.demo.talent-orders.cn')).includes('question.asked'), 'and questions')
  t.ok((await waiting('coordinator.equipment@demo.talent-orders.cn')).includes('match.proposed'), 'the coordinator: a match to decide')
  t.ok((await waiting('coordinator.equipment@demo.talent-orders.cn')).includes('complaint.filed'), 'and a complaint')
  t.ok((await waiting('admissions@chemcollege.demo.talent-orders.cn')).includes('order.amended'), 'the chemical college: the amendment')
  t.ok((await waiting('admissions@polytechnic.demo.talent-orders.cn')).includes('order.published'), 'a college: published orders')
  t.ok(sealedChecked >= 1, `${sealedChecked} bids on open orders among them`)
})

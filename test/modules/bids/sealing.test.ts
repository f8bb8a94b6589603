// One sealing rule everywhere: an order cancelled while open never tells who bid, through any reader.
import t, { type Test } from 'tap'
import { api, buildTestApp, loginAdmin } from '../../helper.ts'
import { openOrder, submitBid, orderAction } from '../../helpers/market.ts'
import { matchingWorld, addCollege, collegeRecommendations, type CollegeItem } from '../../helpers/matching.ts'

async function cancelledWorld (t: Test, closeFirst: boolean) {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const bidder = await addCollege(app, world, { name: '投标学院', specialties: ['数控'] })
  const silent = await addCollege(app, world, { name: '未投标学院', specialties: ['数控'] })
  const order = await openOrder(app, world.enterprise)
  const bid = await submitBid(app, bidder, order['id'])
  if (closeFirst) t.equal((await orderAction(app, world.enterprise, order['id'], 'close-bidding')).statusCode, 200)
  t.equal((await orderAction(app, world.enterprise, order['id'], 'cancel', { reason: '项目取消' })).statusCode, 200)
  const admin = await loginAdmin(app)
  return { app, world, bidder, silent, order, bid, readers: [world.enterprise, world.coordinator, admin] }
}

t.test('cancelled while open: bids, recommendations, the timeline and the order all stay sealed', async (t) => {
  const { app, bidder, order, bid, readers } = await cancelledWorld(t, false)
  const secrets = [bidder.organizationId, bidder.userId, String(bid['id'])]
  for (const reader of readers) {
    const list = await api(app, reader.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/bids` })
    t.equal(list.statusCode, 409)
    t.equal(list.json().code, 'bids_sealed')
    t.equal((await api(app, reader.token, { method: 'GET', url: `/v1/bids/${String(bid['id'])}` })).json().code, 'bids_sealed')
    const recommended = await collegeRecommendations(app, reader.token, order['id'])
    t.equal(recommended.statusCode, 200)
    t.same((recommended.json().items as CollegeItem[]).map((i) => i.hasBid), [null, null], 'hasBid says nothing')
    const events = await api(app, reader.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events` })
    t.equal(events.statusCode, 200)
    const bidEvents = (events.json().items as Array<{ type: string, subject: { id: string | null }, data: object }>).filter((e) => e.type.startsWith('bid.'))
    t.same(bidEvents.map((e) => e.type), ['bid.submitted', 'bid.not_selected'])
    t.ok(bidEvents.every((e) => e.subject.id === null && Object.keys(e.data).length === 0), 'bid events redacted')
    const read = await api(app, reader.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}` })
    t.equal(read.json().bidCount, 1, 'the count is shown, as while open')
    // Recommendations list every eligible college, the bidder among them; only whether it bid is secret.
    for (const secret of secrets.slice(1)) t.notOk(recommended.body.includes(secret), 'no bid in the recommendations')
    for (const body of [events.body, read.body]) {
      for (const secret of secrets) t.notOk(body.includes(secret), 'no bidder identity in the timeline or the order')
    }
  }
  t.equal((await api(app, bidder.token, { method: 'GET', url: `/v1/bids/${String(bid['id'])}` })).statusCode, 200, 'the bidder reads its own')
})

t.test('cancelled after bidding closed: every reader is unsealed alike', async (t) => {
  const { app, bidder, silent, order, bid, readers } = await cancelledWorld(t, true)
  for (const reader of readers) {
    t.equal((await api(app, reader.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/bids` })).statusCode, 200)
    t.equal((await api(app, reader.token, { method: 'GET', url: `/v1/bids/${String(bid['id'])}` })).statusCode, 200)
    const items = (await collegeRecommendations(app, reader.token, order['id'])).json().items as CollegeItem[]
    const hasBid = new Map(items.map((i) => [i.college.id, i.hasBid]))
    t.equal(hasBid.get(bidder.organizationId), true)
    t.equal(hasBid.get(silent.organizationId), false)
    const events = await api(app, reader.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events` })
    t.ok(events.body.includes(String(bid['id'])), 'bid events name the bid')
  }
})

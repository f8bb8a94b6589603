// The inbox and the change feed: who hears of what, sealed bids, unread counts, marking read, and cursors.
import t from 'tap'
import { api, buildTestApp, createCoordinator, joinAlliance, loginAdmin, marketFixture, registerOrg, type Session, type TestApp } from '../../helper.ts'
import { expectProblem } from '../../helpers/hardening.ts'
import { openOrder, orderAction, proposeMatch, submitBid, type Json } from '../../helpers/market.ts'
import { feedEnd, feedPage as feed, feedUntil, wholeFeed } from '../../helpers/notifications.ts'

type Item = { id: string, event: { id: string, type: string, occurredAt: string, orderId: string | null, data: Json }, readAt: string | null }
type Inbox = { items: Item[], nextCursor: string | null, unreadCount: number }

async function inbox (app: TestApp, who: Session, query = ''): Promise<Inbox> {
  const res = await api(app, who.token, { method: 'GET', url: `/v1/notifications${query}` })
  if (res.statusCode !== 200) throw new Error(`inbox: ${res.statusCode} ${res.body}`)
  return res.json()
}

const allTypes = (items: Array<{ type: string }>) => items.map((item) => item.type)
/** The market's events: the fixture's membership requests and approvals left out. */
const types = (items: Array<{ type: string }>) => allTypes(items).filter((type) => !type.startsWith('membership.'))
const inboxTypes = (box: Inbox) => types(box.items.map((item) => item.event))
const allInboxTypes = (box: Inbox) => allTypes(box.items.map((item) => item.event))

/** The owner, a member college that bids, a member college that does not, an outsider college, the coordinators. */
async function world (app: TestApp) {
  const { enterprise: owner, college: bidder, coordinator } = await marketFixture(app)
  const peer = await registerOrg(app, 'college', { name: '宁波职业技术学院' })
  await joinAlliance(app, peer, coordinator, 'equipment')
  return {
    owner,
    bidder,
    peer,
    coordinator,
    outsider: await registerOrg(app, 'college'),
    otherCoordinator: await createCoordinator(app, ['petrochemical'])
  }
}

t.test('a membership request reaches the coordinator; the decision reaches the organization', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment'])
  const other = await createCoordinator(app, ['petrochemical'])
  const college = await registerOrg(app, 'college', { name: '北仑职业技术学院' })
  const requested = await api(app, college.token, { method: 'POST', url: '/v1/alliances/equipment/memberships' })
  t.equal(requested.statusCode, 201)

  const coordinatorBox = await inbox(app, coordinator)
  t.same(allInboxTypes(coordinatorBox), ['membership.requested'])
  t.equal(coordinatorBox.unreadCount, 1)
  t.equal(coordinatorBox.items[0]?.event.orderId, null)
  t.equal(coordinatorBox.items[0]?.readAt, null)
  t.same(allInboxTypes(await inbox(app, other)), [], "another alliance's coordinator hears nothing")

  const own = await inbox(app, college)
  t.same(allInboxTypes(own), [], 'its own request is not news to the college')
  t.same(allTypes(await wholeFeed(app, college)), ['membership.requested'], 'but its feed has it')

  t.equal((await api(app, coordinator.token, { method: 'POST', url: `/v1/memberships/${String(requested.json().id)}/approve` })).statusCode, 200)
  const decided = await inbox(app, college)
  t.same(allInboxTypes(decided), ['membership.approved'])
  t.equal(decided.unreadCount, 1)
  t.same(allTypes(await wholeFeed(app, coordinator)), ['membership.requested', 'membership.approved'])
})

t.test('a published order reaches the active colleges of its alliance, nobody else', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner, { title: '数控机床操作工订单班' })
  for (const college of [w.bidder, w.peer]) {
    const box = await inbox(app, college)
    t.same(inboxTypes(box), ['order.published'])
    t.equal(box.items[0]?.event.orderId, order['id'])
  }
  t.same(inboxTypes(await inbox(app, w.outsider)), [])
  t.same(types(await wholeFeed(app, w.outsider)), [], 'no draft, no foreign order in an outsider feed')
  t.same(inboxTypes(await inbox(app, w.owner)), [], "the owner's own acts are not news")
  t.same(types(await wholeFeed(app, w.owner)), ['order.created', 'order.published'])
  t.same(types(await wholeFeed(app, w.coordinator)).filter((type) => type.startsWith('order.')), ['order.published'], 'coordinators follow published orders, not drafts')
  t.same(types(await wholeFeed(app, w.otherCoordinator)), [])
})

t.test('a sealed bid: the owner learns that a bid came, not who or what; other colleges learn nothing', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  await submitBid(app, w.bidder, order['id'], { pricePerTrainee: 4321 })

  const ownerBox = await inbox(app, w.owner)
  t.same(inboxTypes(ownerBox), ['bid.submitted'])
  t.same(ownerBox.items[0]?.event.data, {}, 'no price, no cohort, no college while sealed')
  const ownerFeed = await wholeFeed(app, w.owner)
  t.notOk(JSON.stringify(ownerFeed).includes('4321'), 'the feed holds no sealed figure either')
  t.notOk(JSON.stringify(ownerFeed).includes(w.bidder.organizationId), 'nor the bidder')
  t.notOk(JSON.stringify(await wholeFeed(app, w.coordinator)).includes('4321'), 'coordinators read sealed bids as the timeline shows them')

  t.same(types(await wholeFeed(app, w.peer)), ['order.published'], "a peer hears nothing of another college's bid")
  const own = (await wholeFeed(app, w.bidder)).filter((event) => !event.type.startsWith('membership.'))
  t.same(types(own), ['order.published', 'bid.submitted'])
  t.equal(own[1]?.data['pricePerTrainee'], 4321, `the bidder reads its own bid: ${JSON.stringify(own[1])}`)
})

t.test('after the close: the bidder hears of the decision and the match; the coordinator of the proposal', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner, { headcount: 10 })
  const bid = await submitBid(app, w.bidder, order['id'], { cohortSize: 10 })
  t.equal((await orderAction(app, w.owner, order['id'], 'close-bidding')).statusCode, 200)
  t.ok(inboxTypes(await inbox(app, w.bidder)).includes('order.bidding_closed'))
  const match = (await proposeMatch(app, w.owner, order['id'], bid['id'], 10)).json()
  const coordinatorBox = await inbox(app, w.coordinator)
  t.ok(inboxTypes(coordinatorBox).includes('match.proposed'))
  t.equal(coordinatorBox.items.find((item) => item.event.type === 'match.proposed')?.event.data['collegeId'], w.bidder.organizationId)
  t.ok(inboxTypes(await inbox(app, w.bidder)).includes('match.proposed'))
  t.equal((await api(app, w.coordinator.token, { method: 'POST', url: `/v1/matches/${String(match['id'])}/approve`, payload: {} })).statusCode, 200)
  const bidderTypes = inboxTypes(await inbox(app, w.bidder))
  t.ok(bidderTypes.includes('match.approved'), bidderTypes.join())
  t.ok(inboxTypes(await inbox(app, w.owner)).includes('match.approved'))
  t.same(types(await wholeFeed(app, w.peer)), ['order.published'], 'a college that did not bid hears nothing more')
})

t.test('marking read: listed ids, then all; ids of others are ignored; unread filter', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  for (const who of [w.peer, w.bidder]) await api(app, who.token, { method: 'POST', url: '/v1/notifications/read', payload: { all: true } })
  await openOrder(app, w.owner)
  await openOrder(app, w.owner)
  await openOrder(app, w.owner)
  const box = await inbox(app, w.peer, '?unread=true')
  t.equal(box.unreadCount, 3)
  const bidderBox = await inbox(app, w.bidder, '?unread=true')
  const first = box.items[0]?.id as string

  const read = await api(app, w.peer.token, { method: 'POST', url: '/v1/notifications/read', payload: { ids: [first, bidderBox.items[0]?.id] } })
  t.equal(read.statusCode, 204)
  t.equal(read.body, '')
  const after = await inbox(app, w.peer)
  t.equal(after.unreadCount, 2)
  t.ok(after.items.find((item) => item.id === first)?.readAt, 'readAt is set')
  t.equal((await inbox(app, w.bidder)).unreadCount, 3, "another organization's notification stays unread")
  t.equal((await inbox(app, w.peer, '?unread=true')).items.length, 2)

  t.equal((await api(app, w.peer.token, { method: 'POST', url: '/v1/notifications/read', payload: { all: true } })).statusCode, 204)
  const none = await inbox(app, w.peer, '?unread=true')
  t.same([none.items.length, none.unreadCount], [0, 0])
  t.same(inboxTypes(await inbox(app, w.peer)), ['order.published', 'order.published', 'order.published'], 'read notifications stay in the inbox')
})

t.test('pages: the inbox newest first; the feed oldest first, resumable, never a null cursor', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const mark = await feedEnd(app, w.peer)
  await api(app, w.peer.token, { method: 'POST', url: '/v1/notifications/read', payload: { all: true } })
  const ids: unknown[] = []
  for (let i = 0; i < 5; i++) {
    ids.push((await openOrder(app, w.owner))['id'])
    app.testClock.advance(1000)
  }
  const first = await inbox(app, w.peer, '?limit=2')
  t.same(first.items.map((item) => item.event.orderId), [ids[4], ids[3]])
  t.ok(first.nextCursor)
  const second = await inbox(app, w.peer, `?limit=2&cursor=${first.nextCursor}`)
  t.same(second.items.map((item) => item.event.orderId), [ids[2], ids[1]])
  const last = await inbox(app, w.peer, `?limit=2&unread=true&cursor=${second.nextCursor}`)
  t.same(last.items.map((item) => item.event.orderId), [ids[0]])
  t.equal(last.nextCursor, null)

  const read = await feedUntil(app, w.peer, mark, ids.length, 3)
  t.same(read.pages.flat().map((event) => event.orderId), ids, 'oldest first, each once')
  t.ok(read.pages.every((page) => page.length <= 3), 'pages of at most the limit')
  const rest = { nextCursor: read.nextCursor }
  const empty = await feed(app, w.peer, `?limit=3&after=${rest.nextCursor}`)
  t.same(empty.items, [])
  t.equal(empty.nextCursor, rest.nextCursor, 'an empty page resumes where it stood')
  const later = (await openOrder(app, w.owner))['id']
  t.same((await feedUntil(app, w.peer, empty.nextCursor, 1, 20)).pages.flat().map((event) => event.orderId), [later], 'and picks up what came since')
  const start = await feed(app, w.outsider)
  t.same(start.items, [])
  t.type(start.nextCursor, 'string')
})

t.test('bad input: 400 problems; no token: 401', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  expectProblem(t, await api(app, w.peer.token, { method: 'GET', url: '/v1/events?after=nonsense' }), 400, 'validation_failed')
  expectProblem(t, await api(app, w.peer.token, { method: 'GET', url: '/v1/notifications?cursor=nonsense' }), 400, 'validation_failed')
  expectProblem(t, await api(app, w.peer.token, { method: 'GET', url: '/v1/notifications?unread=maybe' }), 400, 'validation_failed')
  for (const payload of [{}, { ids: [] }, { all: false }, { ids: ['x'], all: true }, { ids: 'x' }]) {
    expectProblem(t, await api(app, w.peer.token, { method: 'POST', url: '/v1/notifications/read', payload }), 400, 'validation_failed')
  }
  for (const url of ['/v1/notifications', '/v1/events']) {
    expectProblem(t, await api(app, null, { method: 'GET', url }), 401, 'unauthenticated')
  }
  expectProblem(t, await api(app, null, { method: 'POST', url: '/v1/notifications/read', payload: { all: true } }), 401, 'unauthenticated')
})

t.test('an admin has an inbox of its own (empty) and no one else’s', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  await openOrder(app, w.owner)
  const admin = await loginAdmin(app)
  t.same((await inbox(app, admin)).items, [])
})

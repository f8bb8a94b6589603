// Questions on an order: who may ask, list and answer, when questions close, and who learns who asked.
import t from 'tap'
import { api, buildTestApp, createCoordinator, joinAlliance, loginAdmin, marketFixture, registerOrg, type Session, type TestApp } from '../../helper.ts'
import { expectProblem } from '../../helpers/hardening.ts'
import { createDraft, openOrder, orderAction, submitBid, type Json } from '../../helpers/market.ts'

const ASKER_NAME = '北仑职业技术学院'
const QUESTION = '结业考核由贵公司组织还是由学院组织？实训设备型号能否提前告知？'

/** An alliance with the owner, the asking college, a peer college and enterprise, outsiders, another alliance's coordinator and an admin. */
async function world (app: TestApp) {
  const { enterprise: owner, college: peer, coordinator } = await marketFixture(app)
  const asker = await registerOrg(app, 'college', { name: ASKER_NAME })
  await joinAlliance(app, asker, coordinator, 'equipment')
  const peerEnterprise = await registerOrg(app, 'enterprise')
  await joinAlliance(app, peerEnterprise, coordinator, 'equipment')
  return {
    owner,
    asker,
    peer,
    peerEnterprise,
    coordinator,
    otherCoordinator: await createCoordinator(app, ['petrochemical']),
    outsiderCollege: await registerOrg(app, 'college'),
    outsiderEnterprise: await registerOrg(app, 'enterprise'),
    admin: await loginAdmin(app)
  }
}

const ask = (app: TestApp, who: Session, orderId: unknown, payload: Json = { text: QUESTION }) =>
  api(app, who.token, { method: 'POST', url: `/v1/orders/${String(orderId)}/questions`, payload })
const list = (app: TestApp, who: Session, orderId: unknown, query = '') =>
  api(app, who.token, { method: 'GET', url: `/v1/orders/${String(orderId)}/questions${query}` })
const answer = (app: TestApp, who: Session, questionId: unknown, payload: Json = { answer: '由双方共同组织。' }) =>
  api(app, who.token, { method: 'POST', url: `/v1/questions/${String(questionId)}/answer`, payload })
const UNKNOWN = '0190a6c2-0000-7000-8000-000000000000'

t.test('a member college asks in Chinese: 201, its own question, nobody named', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  const res = await ask(app, w.asker, order['id'])
  t.equal(res.statusCode, 201, res.body)
  t.same(res.json(), { id: res.json().id, orderId: order['id'], text: QUESTION, askedAt: '2027-01-10T08:00:00.000Z', answer: null, answeredAt: null, mine: true })
  t.equal(res.headers['location'], `/v1/orders/${String(order['id'])}/questions`)
})

t.test('who may not ask or list: 403 for those who see the order and are no college, 404 for those who do not see it', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  for (const who of [w.owner, w.peerEnterprise, w.coordinator, w.admin]) expectProblem(t, await ask(app, who, order['id']), 403, 'forbidden')
  for (const who of [w.outsiderCollege, w.outsiderEnterprise, w.otherCoordinator]) {
    expectProblem(t, await ask(app, who, order['id']), 404, 'not_found')
    expectProblem(t, await list(app, who, order['id']), 404, 'not_found')
  }
  expectProblem(t, await ask(app, w.asker, UNKNOWN), 404, 'not_found')
  expectProblem(t, await list(app, w.asker, UNKNOWN), 404, 'not_found')
  const draft = await createDraft(app, w.owner)
  expectProblem(t, await ask(app, w.asker, draft['id']), 404, 'not_found')
  expectProblem(t, await list(app, w.asker, draft['id']), 404, 'not_found')
  expectProblem(t, await ask(app, w.owner, draft['id']), 403, 'forbidden')
  t.same((await list(app, w.owner, draft['id'])).json(), { items: [], nextCursor: null }, 'the owner lists its draft: no questions')
})

t.test('bodies: 1 to 2,000 characters, not blank, no other fields', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  for (const payload of [{}, { text: '' }, { text: '   ' }, { text: '\u3000\n' }, { text: '问'.repeat(2001) }, { text: '问题', extra: true }, { text: 7 }]) {
    expectProblem(t, await ask(app, w.asker, order['id'], payload), 400, 'validation_failed')
  }
  t.equal((await ask(app, w.asker, order['id'], { text: '问'.repeat(2000) })).statusCode, 201, '2,000 characters')
  const question = (await ask(app, w.asker, order['id'], { text: '？' })).json()
  for (const payload of [{}, { answer: '' }, { answer: ' \t' }, { answer: '好', extra: 1 }, { answer: '答'.repeat(10_001) }]) {
    expectProblem(t, await answer(app, w.owner, question.id, payload), 400, 'validation_failed')
  }
})

t.test('questions close at the questionDeadline, the bidDeadline, close-bidding and cancellation', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const early = await openOrder(app, w.owner, { questionDeadline: '2027-01-20T00:00:00.000Z' })
  t.equal(early['questionDeadline'], '2027-01-20T00:00:00.000Z', 'the order keeps its questionDeadline')
  const byDefault = await openOrder(app, w.owner)
  const closing = await openOrder(app, w.owner)
  const cancelled = await openOrder(app, w.owner)
  await submitBid(app, w.asker, cancelled['id'])
  t.equal((await orderAction(app, w.owner, cancelled['id'], 'cancel', { reason: '产线改造推迟。' })).statusCode, 200)
  expectProblem(t, await ask(app, w.asker, cancelled['id']), 409, 'questions_closed')
  t.equal((await list(app, w.asker, cancelled['id'])).statusCode, 200, 'the bidder still lists them')
  t.equal((await orderAction(app, w.owner, closing['id'], 'close-bidding')).statusCode, 200)
  expectProblem(t, await ask(app, w.asker, closing['id']), 409, 'questions_closed')

  app.testClock.set('2027-01-19T23:59:59.999Z')
  t.equal((await ask(app, w.asker, early['id'])).statusCode, 201, 'just before the questionDeadline')
  app.testClock.set('2027-01-20T00:00:00.000Z')
  expectProblem(t, await ask(app, w.asker, early['id']), 409, 'questions_closed')
  t.equal((await submitBid(app, w.peer, early['id']))['status'], 'submitted', 'bidding is still open')
  t.equal((await ask(app, w.asker, byDefault['id'])).statusCode, 201, 'without a questionDeadline: until the bidDeadline')

  app.testClock.set('2027-02-01T00:00:00.000Z')
  expectProblem(t, await ask(app, w.asker, byDefault['id']), 409, 'questions_closed')
  const events = (await api(app, w.owner.token, { method: 'GET', url: `/v1/orders/${String(byDefault['id'])}/events` })).json().items as Json[]
  t.ok(events.some((e) => e['type'] === 'order.unsuccessful' || e['type'] === 'order.bidding_closed'), 'the refused ask kept the closing it stored')
  t.same((await list(app, w.peer, byDefault['id'])).json().items.map((q: Json) => q['text']), [QUESTION], 'listed after closing')
})

t.test('listing: oldest first, to everyone who sees the order; mine for the asker, askedBy for coordinators and admins only', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  const asked: string[] = []
  for (const [who, text] of [[w.asker, '第一个问题'], [w.peer, '第二个问题'], [w.asker, '第三个问题']] as const) {
    app.testClock.advance(60_000)
    asked.push((await ask(app, who, order['id'], { text })).json().id)
  }
  const read = async (who: Session) => {
    const res = await list(app, who, order['id'])
    t.equal(res.statusCode, 200, res.body)
    return { body: res.body, items: res.json().items as Json[] }
  }
  for (const who of [w.owner, w.peerEnterprise, w.peer, w.asker]) {
    const { body, items } = await read(who)
    t.same(items.map((q) => q['id']), asked, 'oldest first')
    t.ok(items.every((q) => !('askedBy' in q)), 'nobody named')
    t.same(items.map((q) => q['mine']), who === w.asker ? [true, false, true] : who === w.peer ? [false, true, false] : [false, false, false])
    if (who !== w.asker) t.notOk(body.includes(w.asker.organizationId) || body.includes(ASKER_NAME) || body.includes(w.asker.userId), "the asker's identity is nowhere in the body")
  }
  for (const who of [w.coordinator, w.admin]) {
    const { items } = await read(who)
    t.same(items.map((q) => (q['askedBy'] as Json)['id']), [w.asker.organizationId, w.peer.organizationId, w.asker.organizationId])
    t.equal((items[0]!['askedBy'] as Json)['name'], ASKER_NAME)
  }
  const first = (await list(app, w.owner, order['id'], '?limit=2')).json()
  t.same(first.items.map((q: Json) => q['id']), asked.slice(0, 2))
  const second = (await list(app, w.owner, order['id'], `?limit=2&cursor=${String(first.nextCursor)}`)).json()
  t.same(second, { items: [second.items[0]], nextCursor: null })
  t.equal(second.items[0].id, asked[2])
  expectProblem(t, await list(app, w.owner, order['id'], '?cursor=bm90LWFuLWlk'), 400, 'validation_failed')
})

t.test('the owner answers once; everyone else is refused as visibility says', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  const question = (await ask(app, w.asker, order['id'])).json()
  for (const who of [w.asker, w.peer, w.peerEnterprise, w.coordinator, w.admin]) expectProblem(t, await answer(app, who, question.id), 403, 'forbidden')
  for (const who of [w.outsiderCollege, w.outsiderEnterprise, w.otherCoordinator]) {
    t.equal(expectProblem(t, await answer(app, who, question.id), 404, 'not_found')['detail'], 'question not found', 'names the question, not its order')
  }
  expectProblem(t, await answer(app, w.owner, UNKNOWN), 404, 'not_found')
  app.testClock.advance(3_600_000)
  const res = await answer(app, w.owner, question.id, { answer: '由我公司与学院共同组织；设备为 FANUC 0i-TF。' })
  t.equal(res.statusCode, 200, res.body)
  t.same(res.json(), { ...question, answer: '由我公司与学院共同组织；设备为 FANUC 0i-TF。', answeredAt: '2027-01-10T09:00:00.000Z', mine: false })
  expectProblem(t, await answer(app, w.owner, question.id, { answer: '再答一次' }), 409, 'already_answered')
  t.equal((await list(app, w.peer, order['id'])).json().items[0].answer, '由我公司与学院共同组织；设备为 FANUC 0i-TF。', 'other colleges read the answer')
})

t.test('answers after questions close: evaluating and cancelled orders', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const evaluating = await openOrder(app, w.owner)
  const cancelled = await openOrder(app, w.owner)
  const first = (await ask(app, w.asker, evaluating['id'])).json()
  const second = (await ask(app, w.asker, cancelled['id'])).json()
  await orderAction(app, w.owner, evaluating['id'], 'close-bidding')
  await orderAction(app, w.owner, cancelled['id'], 'cancel', { reason: '产线改造推迟。' })
  t.equal((await answer(app, w.owner, first.id)).statusCode, 200, 'evaluating')
  t.equal((await answer(app, w.owner, second.id)).statusCode, 200, 'cancelled')
  t.equal((await answer(app, w.peer, second.id)).statusCode, 404, 'a college that no longer sees the cancelled order')
})

t.test('the timeline: question events with the asker for coordinators and admins, without it for the owner', async (t) => {
  const app = await buildTestApp(t)
  const w = await world(app)
  const order = await openOrder(app, w.owner)
  const question = (await ask(app, w.asker, order['id'])).json()
  await answer(app, w.owner, question.id)
  const timeline = async (who: Session) => {
    const res = await api(app, who.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events` })
    t.equal(res.statusCode, 200)
    return { body: res.body, events: (res.json().items as Json[]).filter((e) => (e['subject'] as Json)['type'] === 'question') }
  }
  for (const who of [w.coordinator, w.admin]) {
    const { events } = await timeline(who)
    t.same(events.map((e) => e['type']), ['question.asked', 'question.answered'])
    t.same(events[0]!['actor'], { userId: w.asker.userId, organizationId: w.asker.organizationId, role: 'college' })
    t.same(events[0]!['subject'], { type: 'question', id: question.id })
    t.same(events[1]!['actor'], { userId: w.owner.userId, organizationId: w.owner.organizationId, role: 'enterprise' })
  }
  const { body, events } = await timeline(w.owner)
  t.same(events.map((e) => e['type']), ['question.asked', 'question.answered'])
  t.same(events[0]!['actor'], { userId: null, organizationId: null, role: 'college' })
  t.same(events[0]!['data'], { text: QUESTION })
  t.notOk(body.includes(w.asker.organizationId) || body.includes(ASKER_NAME) || body.includes(w.asker.userId), "the asker's identity is nowhere in the owner's timeline")
})

// Amendments of an open order: the deadline moves to leave AMENDMENT_MIN_HOURS, submitted bids need confirmation, unconfirmed ones lapse.
import t from 'tap'
import { api, buildTestApp, marketFixture, registerOrg, joinAlliance, loginAdmin, type TestApp, type Session } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { openOrder, orderAction, submitBid, proposeMatch, type Json } from '../../helpers/market.ts'

const SOON = '2027-01-11T08:00:00.000Z'

async function amendWorld (t: Parameters<typeof buildTestApp>[0], env: Record<string, string> = {}) {
  const app = await buildTestApp(t, env)
  const market = await marketFixture(app)
  const second = await registerOrg(app, 'college', { name: '第二职业技术学院' })
  await joinAlliance(app, second, market.coordinator, 'equipment')
  const order = await openOrder(app, market.enterprise, { bidDeadline: SOON })
  const first = await submitBid(app, market.college, order['id'], { cohortSize: 8 })
  const other = await submitBid(app, second, order['id'], { cohortSize: 4 })
  return { app, ...market, second, order, first, other }
}

const patchOrder = (app: TestApp, session: Session, id: unknown, payload: Json) =>
  api(app, session.token, { method: 'PATCH', url: `/v1/orders/${String(id)}`, payload })
const bidOf = async (app: TestApp, session: Session, id: unknown) =>
  (await api(app, session.token, { method: 'GET', url: `/v1/bids/${String(id)}` })).json()
const confirm = (app: TestApp, session: Session, id: unknown) =>
  api(app, session.token, { method: 'POST', url: `/v1/bids/${String(id)}/confirm` })

t.test('an amendment moves the deadline, asks every submitted bid to confirm, and records order.amended', async (t) => {
  const { app, enterprise, college, second, coordinator, order, first, other } = await amendWorld(t)
  const res = await patchOrder(app, enterprise, order['id'], { headcount: 6, hiringCommitment: { positions: 5 }, title: '数控车工（修订）CNC operators, amended' })
  t.equal(res.statusCode, 200, res.body)
  t.match(res.json(), { status: 'open', headcount: 6, bidDeadline: '2027-01-13T08:00:00.000Z', title: '数控车工（修订）CNC operators, amended' }, '72 hours from now')
  t.equal((await bidOf(app, college, first['id'])).status, 'needs_confirmation')
  t.equal((await bidOf(app, second, other['id'])).status, 'needs_confirmation')
  const events = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events?limit=100` })).json().items as Json[]
  const amended = events.find((e) => e['type'] === 'order.amended')
  t.match(amended, { data: { fields: ['title', 'headcount', 'hiringCommitment'], bidDeadline: '2027-01-13T08:00:00.000Z', previousBidDeadline: SOON, bidsToConfirm: 2 } })
  t.notOk(events.some((e) => e['type'] === 'order.updated'), 'an amendment is not an ordinary edit')
  const mine = (await api(app, college.token, { method: 'GET', url: '/v1/bids?status=needs_confirmation' })).json().items as Json[]
  t.same(mine.map((b) => b['id']), [first['id']], 'the college finds what waits for it')
})

t.test('a later deadline asked for with the amendment is kept; description and deadline alone are edits', async (t) => {
  const { app, enterprise, college, order, first } = await amendWorld(t)
  const edit = await patchOrder(app, enterprise, order['id'], { description: '补充说明 more detail', bidDeadline: '2027-01-12T00:00:00.000Z' })
  t.equal(edit.statusCode, 200, edit.body)
  t.equal(edit.json().bidDeadline, '2027-01-12T00:00:00.000Z', 'an edit moves the deadline only as asked')
  t.equal((await bidOf(app, college, first['id'])).status, 'submitted', 'no confirmation for an edit')
  const same = await patchOrder(app, enterprise, order['id'], { headcount: 10, location: '宁波北仑' })
  t.equal(same.statusCode, 200, same.body)
  t.equal((await bidOf(app, college, first['id'])).status, 'submitted', 'terms sent unchanged are no amendment')
  const amended = await patchOrder(app, enterprise, order['id'], { location: '宁波镇海', bidDeadline: '2027-01-20T00:00:00.000Z' })
  t.equal(amended.json().bidDeadline, '2027-01-20T00:00:00.000Z', 'already more than 72 hours away')
  t.equal((await bidOf(app, college, first['id'])).status, 'needs_confirmation')
})

t.test('AMENDMENT_MIN_HOURS sets how far the deadline moves; an amendment that cannot leave it before training is a 422', async (t) => {
  const { app, enterprise, order } = await amendWorld(t, { AMENDMENT_MIN_HOURS: '240' })
  const moved = await patchOrder(app, enterprise, order['id'], { minBids: 2 })
  t.equal(moved.json().bidDeadline, '2027-01-20T08:00:00.000Z', '10 days')
  t.equal(moved.json().minBids, 2)
  const tooLate = await patchOrder(app, enterprise, order['id'], { trainingStart: '2027-01-18' })
  assertProblem(t, tooLate, 422, 'rule_violation')
  t.match(tooLate.json().errors, [{ path: '/bidDeadline' }])
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}` })).json().trainingStart, '2027-03-01', 'nothing stored')
  assertProblem(t, await patchOrder(app, enterprise, order['id'], { questionDeadline: '2027-02-01T00:00:00.000Z' }), 422, 'rule_violation', 'questions close no later than bidding')
})

t.test('confirm: the college only, while open and waiting; 422 when the bid no longer fits', async (t) => {
  const { app, enterprise, college, second, coordinator, order, first, other } = await amendWorld(t)
  assertProblem(t, await confirm(app, college, first['id']), 409, 'bid_not_awaiting_confirmation', 'nothing to confirm yet')
  t.equal((await patchOrder(app, enterprise, order['id'], { headcount: 6, hiringCommitment: null })).statusCode, 200)
  const admin = await loginAdmin(app)
  const outsider = await registerOrg(app, 'college')
  // Sealed while open: the owner and coordinator see the order, not the bid.
  assertProblem(t, await confirm(app, enterprise, first['id']), 403, 'forbidden')
  assertProblem(t, await confirm(app, coordinator, first['id']), 403, 'forbidden')
  assertProblem(t, await confirm(app, admin, first['id']), 403, 'forbidden')
  assertProblem(t, await confirm(app, second, first['id']), 404, 'not_found', 'another bidder never learns of this bid')
  assertProblem(t, await confirm(app, outsider, first['id']), 404, 'not_found')
  const unfit = await confirm(app, college, first['id'])
  assertProblem(t, unfit, 422, 'rule_violation', 'a cohort of 8 over the new headcount of 6')
  t.match(unfit.json().errors, [{ path: '/cohortSize' }])
  t.equal((await bidOf(app, college, first['id'])).status, 'needs_confirmation')
  const fits = await confirm(app, second, other['id'])
  t.equal(fits.statusCode, 200, fits.body)
  t.match(fits.json(), { status: 'submitted', revision: 1 })
  assertProblem(t, await confirm(app, second, other['id']), 409, 'bid_not_awaiting_confirmation', 'confirmed once')
  const revised = await api(app, college.token, { method: 'PATCH', url: `/v1/bids/${String(first['id'])}`, payload: { cohortSize: 6 } })
  t.equal(revised.statusCode, 200, revised.body)
  t.match(revised.json(), { status: 'submitted', revision: 2, cohortSize: 6 }, 'a revision confirms')
  // Bid events are sealed while bidding is open: read the timeline after the (moved) deadline.
  app.testClock.set('2027-01-13T08:00:00.000Z')
  const events = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events?limit=100` })).json().items as Json[]
  t.ok(events.some((e) => e['type'] === 'bid.confirmed'), 'bid.confirmed is on the timeline')
  t.match(events.find((e) => e['type'] === 'bid.revised'), { data: { confirmed: true } })
})

t.test('a revision that confirms checks the whole bid against the amended order', async (t) => {
  const { app, enterprise, college, order, first } = await amendWorld(t)
  t.equal((await patchOrder(app, enterprise, order['id'], { trainingStart: '2027-04-01' })).statusCode, 200)
  const priceOnly = await api(app, college.token, { method: 'PATCH', url: `/v1/bids/${String(first['id'])}`, payload: { pricePerTrainee: 7000 } })
  assertProblem(t, priceOnly, 422, 'start_date_outside_window', 'its start date is before the new window')
  const moved = await api(app, college.token, { method: 'PATCH', url: `/v1/bids/${String(first['id'])}`, payload: { startDate: '2027-04-06' } })
  t.equal(moved.statusCode, 200, moved.body)
  t.equal(moved.json().status, 'submitted')
})

t.test('unconfirmed bids lapse when bidding closes, count for nothing, and cannot be matched', async (t) => {
  const { app, enterprise, college, second, coordinator, order, first, other } = await amendWorld(t)
  t.equal((await patchOrder(app, enterprise, order['id'], { location: '舟山' })).statusCode, 200)
  t.equal((await confirm(app, second, other['id'])).statusCode, 200)
  app.testClock.set('2027-01-13T08:00:00.000Z')
  t.equal((await bidOf(app, college, first['id'])).status, 'lapsed', 'lapsed at the deadline, before any write')
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}` })).json().bidCount, 1, 'and not counted, before any write')
  t.same(((await api(app, college.token, { method: 'GET', url: '/v1/bids?status=lapsed' })).json().items as Json[]).map((b) => b['id']), [first['id']])
  const read = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}` })).json()
  t.equal(read.status, 'evaluating', 'the confirmed bid meets minBids')
  assertProblem(t, await proposeMatch(app, enterprise, order['id'], first['id'], 2), 409, 'bid_not_live')
  t.equal((await orderAction(app, enterprise, order['id'], 'close-bidding')).statusCode, 409)
  const stored = await app.data.get<{ status: string }>('select status from bids where id = @id', { id: first['id'] })
  t.equal(stored?.status, 'lapsed', 'stored by the first write after the deadline')
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}` })).json().bidCount, 1, 'a lapsed bid is not counted')
  const events = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events?limit=100` })).json().items as Json[]
  t.match(events.filter((e) => e['type'] === 'bid.lapsed'), [{ subject: { id: first['id'] }, actor: { role: 'system' } }])
  t.equal((await proposeMatch(app, enterprise, order['id'], other['id'], 2)).statusCode, 201, 'the confirmed bid is matched')
})

t.test('two confirmations of one bid at once: one 200, one 409, one event', async (t) => {
  const { app, enterprise, college, coordinator, order, first } = await amendWorld(t)
  t.equal((await patchOrder(app, enterprise, order['id'], { budgetPerTrainee: 9000 })).statusCode, 200)
  const results = await Promise.all([confirm(app, college, first['id']), confirm(app, college, first['id'])])
  t.same(results.map((r) => r.statusCode).sort(), [200, 409])
  const events = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events?limit=100` })).json().items as Json[]
  t.equal(events.filter((e) => e['type'] === 'bid.confirmed').length, 1)
})

t.test('an amendment racing a confirmation: the bid waits for confirmation exactly when the amendment came last', async (t) => {
  const { app, enterprise, college, order, first } = await amendWorld(t)
  t.equal((await patchOrder(app, enterprise, order['id'], { budgetPerTrainee: 9000 })).statusCode, 200)
  const [amend, confirmed] = await Promise.all([
    patchOrder(app, enterprise, order['id'], { budgetPerTrainee: 9500 }),
    confirm(app, college, first['id'])
  ])
  t.equal(amend.statusCode, 200, amend.body)
  t.equal(confirmed.statusCode, 200, 'the bid waited for confirmation before and after the second amendment')
  const items = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events?limit=100` })).json().items as Json[]
  const last = items.filter((e) => e['type'] === 'order.amended' || e['type'] === 'bid.confirmed').at(-1)
  t.equal((await bidOf(app, college, first['id'])).status, last?.['type'] === 'order.amended' ? 'needs_confirmation' : 'submitted')
})

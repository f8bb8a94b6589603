// Bid validation users expect: startDate not in the past and inside the order's training window; pricePerTrainee at least 1.
import t from 'tap'
import { api, buildTestApp, marketFixture } from '../../helper.ts'
import { bidBody, openOrder, submitBid } from '../../helpers/market.ts'
import { checkStartDate } from '../../../src/modules/bids/rules.ts'

const window = { trainingStart: '2027-03-01', trainingEnd: '2027-06-30' }

t.test('checkStartDate: today or later, within trainingStart..trainingEnd inclusive', async (t) => {
  const at = new Date('2027-03-10T23:30:00.000Z')
  t.same(checkStartDate('2027-03-10', window, at), { ok: true }, 'today')
  t.match(checkStartDate('2027-03-09', window, at), { ok: false, code: 'start_date_past', error: { path: '/startDate' } }, 'yesterday')
  t.same(checkStartDate('2027-06-30', window, at), { ok: true }, 'the last day of the window')
  t.match(checkStartDate('2027-07-01', window, at), { ok: false, code: 'start_date_outside_window' }, 'after the window')
  t.match(checkStartDate('2027-03-05', window, new Date('2027-02-01T00:00:00.000Z')), { ok: true })
  t.match(checkStartDate('2027-02-28', window, new Date('2027-02-01T00:00:00.000Z')), { ok: false, code: 'start_date_outside_window' }, 'before the window')
})

t.test('POST and PATCH a bid: 422 with the rule named for a past or out-of-window startDate; 400 for a zero price', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  const url = `/v1/orders/${String(order['id'])}/bids`
  for (const [startDate, code] of [['2027-01-09', 'start_date_past'], ['2027-02-28', 'start_date_outside_window'], ['2027-07-01', 'start_date_outside_window']] as const) {
    const res = await api(app, college.token, { method: 'POST', url, payload: bidBody({ startDate }) })
    t.equal(res.statusCode, 422, startDate)
    t.equal(res.json().code, code, startDate)
    t.same(res.json().errors.map((e: { path: string }) => e.path), ['/startDate'])
  }
  const free = await api(app, college.token, { method: 'POST', url, payload: bidBody({ pricePerTrainee: 0 }) })
  t.equal(free.statusCode, 400, 'a price of 0 is refused by the schema')
  t.same(free.json().errors.map((e: { path: string }) => e.path), ['/pricePerTrainee'])

  const bid = await submitBid(app, college, order['id'], { startDate: '2027-06-30' })
  const bidUrl = `/v1/bids/${String(bid['id'])}`
  const late = await api(app, college.token, { method: 'PATCH', url: bidUrl, payload: { startDate: '2027-07-02' } })
  t.equal(late.statusCode, 422)
  t.equal(late.json().code, 'start_date_outside_window')
  t.equal((await api(app, college.token, { method: 'PATCH', url: bidUrl, payload: { pricePerTrainee: 0 } })).statusCode, 400)
  app.testClock.set('2027-01-31T12:00:00.000Z')
  const price = await api(app, college.token, { method: 'PATCH', url: bidUrl, payload: { pricePerTrainee: 7000 } })
  t.equal(price.statusCode, 200, 'other fields are revised without re-checking an unchanged startDate')
  t.equal((await api(app, college.token, { method: 'GET', url: bidUrl })).json().startDate, '2027-06-30', 'nothing else changed')
})

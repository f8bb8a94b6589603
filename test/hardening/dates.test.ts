// Every date and instant a request schema accepts is one the server can hold: impossible ones are a 400, never a 500.
import t from 'tap'
import { api, marketFixture } from '../helper.ts'
import { buildInventoriedApp, expectProblem, type RouteEntry } from '../helpers/hardening.ts'
import { createDraft, openOrder, submitBid, orderBody, bidBody } from '../helpers/market.ts'

const LEAP_SECOND = '2027-06-30T23:59:60Z'
const NO_SUCH_DAY = '2027-02-30'

/** `METHOD url part/field` for every request field of format date or date-time, at any depth. */
function dateFields (routes: RouteEntry[]): string[] {
  const found: string[] = []
  const walk = (node: unknown, path: string, route: string) => {
    if (node === null || typeof node !== 'object') return
    const schema = node as Record<string, unknown>
    if (schema['format'] === 'date' || schema['format'] === 'date-time') found.push(`${route}${path}`)
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [name, child] of Object.entries(value)) walk(child, `${path}/${name}`, route)
      } else if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
        for (const child of [value].flat()) walk(child, path, route)
      }
    }
  }
  for (const route of routes.filter((r) => r.method !== 'HEAD')) {
    for (const part of ['body', 'querystring', 'params'] as const) walk(route.schema?.[part], '', `${route.method} ${route.url} ${part}:`)
  }
  return [...new Set(found)].sort()
}

t.test('every date and instant field of every request is refused with 400 when impossible', async (t) => {
  const { app, routes } = await buildInventoriedApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const tested = new Set<string>()
  const refuse = async (field: string, request: Parameters<typeof api>[2], token: string) => {
    tested.add(field)
    const res = await api(app, token, request)
    const body = expectProblem(t, res, 400, 'validation_failed')
    t.match(JSON.stringify(body['errors']), /format/, `${field}: names the format`)
  }

  await refuse('POST /v1/orders body:/bidDeadline', { method: 'POST', url: '/v1/orders', payload: orderBody({ bidDeadline: LEAP_SECOND }) }, enterprise.token)
  await refuse('POST /v1/orders body:/trainingStart', { method: 'POST', url: '/v1/orders', payload: orderBody({ trainingStart: NO_SUCH_DAY }) }, enterprise.token)
  await refuse('POST /v1/orders body:/trainingEnd', { method: 'POST', url: '/v1/orders', payload: orderBody({ trainingEnd: '2027-06-31' }) }, enterprise.token)
  await refuse('POST /v1/orders body:/questionDeadline', { method: 'POST', url: '/v1/orders', payload: orderBody({ questionDeadline: LEAP_SECOND }) }, enterprise.token)
  const draft = await createDraft(app, enterprise)
  for (const [field, value] of [['bidDeadline', LEAP_SECOND], ['questionDeadline', '2027-01-20T25:00:00Z'], ['trainingStart', NO_SUCH_DAY], ['trainingEnd', '2027-13-01']] as const) {
    await refuse(`PATCH /v1/orders/:id body:/${field}`, { method: 'PATCH', url: `/v1/orders/${String(draft['id'])}`, payload: { [field]: value } }, enterprise.token)
  }
  const open = await openOrder(app, enterprise)
  await refuse('POST /v1/orders/:id/bids body:/startDate', { method: 'POST', url: `/v1/orders/${String(open['id'])}/bids`, payload: bidBody({ startDate: NO_SUCH_DAY }) }, college.token)
  const bid = await submitBid(app, college, open['id'])
  await refuse('PATCH /v1/bids/:id body:/startDate', { method: 'PATCH', url: `/v1/bids/${String(bid['id'])}`, payload: { startDate: '2027-04-31' } }, college.token)
  for (const field of ['from', 'to']) {
    await refuse(`GET /v1/reports/alliances/:code querystring:/${field}`, { method: 'GET', url: `/v1/reports/alliances/equipment?${field}=${NO_SUCH_DAY}` }, coordinator.token)
    await refuse(`GET /v1/reports/organizations/:id querystring:/${field}`, { method: 'GET', url: `/v1/reports/organizations/${enterprise.organizationId}?${field}=2027-00-01` }, enterprise.token)
  }
  // Nothing was stored by the refused writes: the draft keeps its dates.
  const read = await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(draft['id'])}` })
  t.equal(read.json().bidDeadline, '2027-02-01T00:00:00.000Z')
  t.same([...tested].sort(), dateFields(routes), 'every date field of every route is covered here')
})

t.test('an instant with an offset is stored and shown in UTC', async (t) => {
  const { app } = await buildInventoriedApp(t)
  const { enterprise } = await marketFixture(app)
  const draft = await createDraft(app, enterprise, { bidDeadline: '2027-02-01T08:00:00+08:00' })
  t.equal(draft['bidDeadline'], '2027-02-01T00:00:00.000Z')
  const patched = await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${String(draft['id'])}`, payload: { bidDeadline: '2027-01-31t20:30:00.5z' } })
  t.equal(patched.statusCode, 200)
  t.equal(patched.json().bidDeadline, '2027-01-31T20:30:00.500Z')
})

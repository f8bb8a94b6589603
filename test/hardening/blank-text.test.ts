// Required human text (reasons, names, titles, places, tags) must hold a visible character: blank is a 400.
import t from 'tap'
import { api, marketFixture, uniqueEmail, PASSWORD } from '../helper.ts'
import { buildInventoriedApp, expectProblem, type RouteEntry } from '../helpers/hardening.ts'
import { openOrder, evaluatingOrder, proposeMatch, orderBody } from '../helpers/market.ts'
import { NOT_BLANK, ONE_LINE } from '../../schemas/common.ts'

const BLANKS = [' ', '   ', '\t\t', ' \t\n ', '\u3000', '\u3000 \u3000', '\u200B', '\uFEFF \u2060',
  // Invisible but not \s: the Mongolian vowel separator, Hangul fillers, bidi marks, the soft hyphen, a variation selector, blank Braille.
  '\u180E', '\u3164', '\u115F\u1160', '\uFFA0', '\u200E\u202E', '\u00AD', ' \uFE0F', '\u2800']

/** Body fields that name a person, an organization, a place or a thing, or say why: they must not be blank. */
const HUMAN_TEXT = new Set(['reason', 'name', 'nameZh', 'title', 'occupation', 'location', 'city', 'industry', 'certificate', 'skills', 'specialties'])

function humanTextFields (routes: RouteEntry[]): Array<{ field: string, pattern: unknown }> {
  const out: Array<{ field: string, pattern: unknown }> = []
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return
    const schema = node as Record<string, unknown>
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [name, child] of Object.entries(value as Record<string, Record<string, unknown>>)) {
          const text = child['type'] === 'array' ? child['items'] as Record<string, unknown> : child
          if (HUMAN_TEXT.has(name) && text['type'] === 'string') out.push({ field: `${path}/${name}`, pattern: text['pattern'] })
          walk(child, `${path}/${name}`)
        }
      } else if (key === 'items' || key === 'anyOf') {
        for (const child of [value].flat()) walk(child, path)
      }
    }
  }
  for (const route of routes) walk(route.schema?.body, `${route.method} ${route.url} `)
  return out
}

t.test('every human text field of every request body refuses blank text', async (t) => {
  const { routes } = await buildInventoriedApp(t)
  const fields = humanTextFields(routes)
  t.ok(fields.length >= 15, `${fields.length} fields`)
  for (const { field, pattern } of fields) t.ok(pattern === NOT_BLANK || pattern === ONE_LINE, field)
  for (const source of [NOT_BLANK, ONE_LINE]) {
    const notBlank = new RegExp(source, 'u')
    for (const blank of BLANKS) t.notOk(notBlank.test(blank), JSON.stringify(blank))
    for (const text of ['x', ' 焊工 ', '\u3000王五', 'a\u200B']) t.ok(notBlank.test(text), JSON.stringify(text))
  }
})

/** One-line fields: names of people, organizations and places, titles, occupations, skill tags. */
const ONE_LINE_FIELDS = new Set(['name', 'nameZh', 'title', 'occupation', 'location', 'skills'])
const CONTROLS = ['\u0000=HYPERLINK("x")', 'a\nb', 'tab\tin', 'del\u007F', '\r\n焊工', '焊工\u001B[31m']

t.test('one-line fields refuse control characters (NUL, line breaks, escapes), linearly', async (t) => {
  const { routes, app } = await buildInventoriedApp(t)
  const fields = humanTextFields(routes).filter(({ field }) => ONE_LINE_FIELDS.has(field.split('/').at(-1)!))
  t.ok(fields.length >= 10, `${fields.length} one-line fields`)
  for (const { field, pattern } of fields) t.equal(pattern, ONE_LINE, field)
  const oneLine = new RegExp(ONE_LINE, 'u')
  for (const text of CONTROLS) t.notOk(oneLine.test(text), JSON.stringify(text))
  // Three parts that cannot overlap: a long near-miss is refused without backtracking (this would hang otherwise).
  t.notOk(oneLine.test(`${'a '.repeat(200_000)}\u0000`), 'a 400 KB near-miss is refused')
  const { enterprise } = await marketFixture(app)
  for (const title of CONTROLS) {
    expectProblem(t, await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ title }) }), 400, 'validation_failed')
  }
  const org = await api(app, null, {
    method: 'POST', url: '/v1/auth/register', payload: { email: uniqueEmail('ctl'), password: PASSWORD, name: '王五', organization: { kind: 'college', name: '\u0000=HYPERLINK("x")' } }
  })
  expectProblem(t, org, 400, 'validation_failed')
})

t.test('blank reasons, titles and names are refused through the API, and nothing changes', async (t) => {
  const { app } = await buildInventoriedApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const refused = async (what: string, token: string | null, request: Parameters<typeof api>[2]) => {
    const body = expectProblem(t, await api(app, token, request), 400, 'validation_failed')
    t.ok(Array.isArray(body['errors']), `${what}: field errors`)
  }
  const open = await openOrder(app, enterprise)
  const { order: evaluating, bids } = await evaluatingOrder(app, enterprise, [college])
  const match = (await proposeMatch(app, enterprise, evaluating['id'], bids[0]!['id'], 2)).json()
  for (const reason of BLANKS) {
    await refused('cancel order', enterprise.token, { method: 'POST', url: `/v1/orders/${String(open['id'])}/cancel`, payload: { reason } })
    await refused('reject match', coordinator.token, { method: 'POST', url: `/v1/matches/${String(match.id)}/reject`, payload: { reason } })
    await refused('order title', enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ title: reason }) })
    await refused('skill tag', enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ skills: ['cnc-machining', reason] }) })
    await refused('register name', null, {
      method: 'POST', url: '/v1/auth/register', payload: { email: uniqueEmail('blank'), password: PASSWORD, name: reason, organization: { kind: 'college', name: '宁波职业技术学院' } }
    })
  }
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(open['id'])}` })).json().status, 'open', 'the order is still open')
  t.equal((await api(app, coordinator.token, { method: 'GET', url: `/v1/matches/${String(match.id)}` })).json().status, 'proposed', 'the match is still proposed')
  const cancelled = await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${String(open['id'])}/cancel`, payload: { reason: '\u3000预算取消 budget cut ' } })
  t.equal(cancelled.statusCode, 200, 'a reason with visible text passes, surrounding spaces and all')
})

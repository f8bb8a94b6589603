// GET /v1/orders refuses a cursor it never gave (400), whatever the filters, also when they match nothing.
import t from 'tap'
import { buildTestApp, marketFixture, api } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'

t.test('a forged cursor is a 400 with every filter, an unknown alliance or skill included', async (t) => {
  const app = await buildTestApp(t)
  const f = await marketFixture(app)
  const forged = Buffer.from('not a cursor').toString('base64url')
  const urls = [
    `/v1/orders?cursor=${forged}`,
    `/v1/orders?q=焊工&cursor=${forged}`,
    `/v1/orders?alliance=no-such-alliance&cursor=${forged}`,
    `/v1/orders?skill=no-such-skill&cursor=${forged}`,
    `/v1/orders?alliance=no-such-alliance&q=焊工&cursor=${forged}`
  ]
  for (const url of urls) {
    const res = await api(app, f.college.token, { method: 'GET', url: encodeURI(url) })
    assertProblem(t, res, 400, 'validation_failed', url)
  }
  const empty = await api(app, f.college.token, { method: 'GET', url: '/v1/orders?alliance=no-such-alliance' })
  t.equal(empty.statusCode, 200, 'an unknown alliance without a cursor is an empty page')
  t.same(empty.json(), { items: [], nextCursor: null })
})

// Concurrent answers to one question: exactly one is stored; concurrent asks all land, in order.
import t from 'tap'
import { api, buildTestApp, marketFixture, registerOrg, joinAlliance } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'

t.test('six answers from the owner at once: one 200, five 409 already_answered, one answer and one event stored', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  const question = (await api(app, college.token, { method: 'POST', url: `/v1/orders/${String(order['id'])}/questions`, payload: { text: '是否提供住宿？' } })).json()
  const answers = Array.from({ length: 6 }, (_, i) => `提供住宿，方案 ${i + 1}`)
  const results = await Promise.all(answers.map((text) =>
    api(app, enterprise.token, { method: 'POST', url: `/v1/questions/${String(question.id)}/answer`, payload: { answer: text } })))
  t.same(results.map((r) => r.statusCode).sort(), [200, 409, 409, 409, 409, 409])
  t.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'already_answered'))
  const winner = results.find((r) => r.statusCode === 200)!.json()
  const listed = (await api(app, college.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/questions` })).json()
  t.equal(listed.items[0].answer, winner.answer, 'the stored answer is the one that got 200')
  const events = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/events` })).json().items
  t.equal(events.filter((e: { type: string }) => e.type === 'question.answered').length, 1, 'answered once')
})

t.test('colleges asking at once: every question lands, each listed once', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const others = [college]
  for (let i = 0; i < 3; i++) {
    const other = await registerOrg(app, 'college')
    await joinAlliance(app, other, coordinator, 'equipment')
    others.push(other)
  }
  const order = await openOrder(app, enterprise)
  const asked = await Promise.all(others.flatMap((who) => [1, 2].map((n) =>
    api(app, who.token, { method: 'POST', url: `/v1/orders/${String(order['id'])}/questions`, payload: { text: `问题 ${n}` } }))))
  t.same(asked.map((r) => r.statusCode), Array(8).fill(201))
  const ids = asked.map((r) => r.json().id as string)
  const listed = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${String(order['id'])}/questions` })).json().items.map((q: { id: string }) => q.id)
  t.same(listed, [...ids].sort(), 'all of them, in id order')
})

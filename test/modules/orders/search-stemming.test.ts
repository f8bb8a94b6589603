// English inflections: one stem() for index and query terms, so welders/welder and operators/operator meet; CJK untouched.
import t from 'tap'
import { api, buildTestApp, marketFixture } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'
import { indexTerms, queryTerms, stem } from '../../../src/modules/orders/search-terms.ts'

t.test('stem: English inflections meet, other words stay as they are', async (t) => {
  t.equal(stem('welders'), stem('welder'), 'plural')
  t.equal(stem('operators'), stem('operator'))
  t.equal(stem('machining'), stem('machine'))
  t.equal(stem('welded'), stem('welding'))
  t.not(stem('welder'), stem('welding'), 'Porter keeps the agent noun apart (the welding skill alias covers welder)')
  t.equal(stem('s7'), 's7', 'words with digits unchanged')
  t.equal(stem('сварщики'), 'сварщики', 'non-English letters unchanged')
  t.same(queryTerms('焊工 Welders'), ['焊工', stem('welder')], 'CJK terms are not stemmed')
  t.same(indexTerms('焊工'), ['焊', '焊工', '工'])
  for (const word of ['Welders', 'OPERATORS', 'machining']) {
    t.ok(queryTerms(word).every((term) => indexTerms(`the ${word.toLowerCase()} line`).includes(term)), `${word} finds its own text`)
  }
})

t.test('search finds English inflections of what people type; Chinese queries are unaffected', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const welders = await openOrder(app, enterprise, { title: 'Welders for the body shop', occupation: '焊工', description: '车身车间', skills: ['laboratory-analysis'] })
  const operators = await openOrder(app, enterprise, { title: 'CNC operators', occupation: '数控车工', description: 'Machining of gearbox housings', skills: ['laboratory-analysis'] })
  const ids = async (q: string) => ((await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}` })).json() as { items: { id: string }[] }).items.map((o) => o.id)
  t.same(await ids('welders'), [welders['id']])
  t.same(await ids('welder'), [welders['id']], 'the singular finds "Welders"')
  t.same(await ids('WELDER body shops'), [welders['id']], 'every word stemmed, any case')
  t.same(await ids('operator'), [operators['id']])
  t.same(await ids('machine'), [operators['id']], 'machine finds "Machining"')
  t.same(await ids('machines housing'), [operators['id']])
  t.same(await ids('welding'), [], 'welding is not an inflection of "Welders" for Porter (and no order here is tagged welding)')
  t.same(await ids('焊工'), [welders['id']], 'a Chinese query as before')
  t.same(await ids('车间'), [welders['id']])
  t.same(await ids('数控车工'), [operators['id']])
})

// The feed's skill matching paths: vocabulary bits, tags the vocabulary does not know, and skills past the 63rd bit.
import t from 'tap'
import { sql } from 'drizzle-orm'
import { api, buildTestApp } from '../../helper.ts'
import { sqlRow, sqlRows } from '../../../db/sql-query.ts'
import { openOrder } from '../../helpers/market.ts'
import { addCollege, matchingWorld, orderRecommendations, reasonOf, type OrderItem } from '../../helpers/matching.ts'

const fitByTitle = async (app: Parameters<typeof orderRecommendations>[0], token: string) => {
  const items = (await orderRecommendations(app, token, '?limit=50')).json().items as OrderItem[]
  return Object.fromEntries(items.map((i) => [i.order.title, reasonOf(i, 'skill_fit').score]))
}

await t.test('unknown tags match by their normalised text, and keep matching once they become a canonical skill', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '增材学院', specialties: ['Additive Manufacturing', '数控'] })
  await openOrder(app, world.enterprise, { title: '增材', skills: ['additive-manufacturing', '焊接'] })
  await openOrder(app, world.enterprise, { title: '数控', skills: ['CNC'] })
  t.same(await fitByTitle(app, college.token), { 增材: 0.5, 数控: 1 }, 'unknown tag by text, known by bit')
  const added = await api(app, world.admin.token, { method: 'POST', url: '/v1/skills', payload: { tag: 'additive-manufacturing', nameEn: 'Additive manufacturing', nameZh: '增材制造' } })
  t.equal(added.statusCode, 201)
  const bit = (await sqlRow<{ bit: number }>(app.data, sql`select bit from skills where tag = 'additive-manufacturing'`))!.bit
  t.ok(bit >= 0 && bit <= 62, 'the new skill got a bit')
  t.same(await fitByTitle(app, college.token), { 增材: 0.5, 数控: 1 }, 'the order indexed before gets the bit too')
})

await t.test('skills past the 63rd bit have none and still match, by text', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const seeded = (await sqlRow<{ n: number }>(app.data, sql`select count(*) as n from skills`))!.n
  const extra = 64 - seeded
  for (let i = 0; i < extra; i++) {
    const res = await api(app, world.admin.token, { method: 'POST', url: '/v1/skills', payload: { tag: `extra-skill-${i}`, nameEn: `Extra ${i}`, nameZh: `附加技能${i}` } })
    t.equal(res.statusCode, 201)
  }
  t.same(await sqlRows(app.data, sql`select tag from skills where bit is null`), [{ tag: `extra-skill-${extra - 1}` }], 'the 64th skill has no bit')
  t.equal((await sqlRow<{ n: number }>(app.data, sql`select max(bit) as n from skills`))!.n, 62)
  const college = await addCollege(app, world, { name: '附加学院', specialties: [`extra-skill-${extra - 1}`, `Extra Skill ${extra - 2}`] })
  await openOrder(app, world.enterprise, { title: '无位', skills: [`extra-skill-${extra - 1}`] })
  await openOrder(app, world.enterprise, { title: '有位', skills: [`extra-skill-${extra - 2}`, 'welding'] })
  t.same(await fitByTitle(app, college.token), { 无位: 1, 有位: 0.5 })
})

await t.test('scoring shared-skill orders first gives the same ranking as scoring every order', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '排名学院', specialties: ['数控', '焊接'], annualCapacity: 60 })
  const orders: Array<[string, string[], number, string]> = [
    ['全匹配大单', ['数控'], 200, '2027-02-05T00:00:00.000Z'],
    ['全匹配小单', ['焊接'], 2, '2027-01-12T00:00:00.000Z'],
    ['部分匹配', ['数控', '化工操作', '仪表', '电工'], 50, '2027-02-05T00:00:00.000Z'],
    ['弱匹配', ['焊接', '铸造', '挤压', '热处理', '表面处理'], 1, '2027-01-10T12:00:00.000Z'],
    ['不匹配大单', ['化工操作'], 1000, '2027-02-05T00:00:00.000Z'],
    ['不匹配中单', ['仪表'], 40, '2027-02-05T00:00:00.000Z'],
    ['不匹配小单', ['电工'], 3, '2027-01-11T00:00:00.000Z']
  ]
  for (const [title, skills, headcount, bidDeadline] of orders) {
    await openOrder(app, world.enterprise, { title, skills, headcount, bidDeadline, hiringCommitment: { positions: 1 } })
  }
  const all = (await orderRecommendations(app, college.token, '?limit=50')).json().items as OrderItem[]
  t.equal(all.length, orders.length)
  t.ok(all.some((i) => reasonOf(i, 'skill_fit').score === 0 && i.score > all.at(-1)!.score), 'an order without a shared skill outranks a weak match')
  for (let i = 1; i < all.length; i++) t.ok(all[i - 1]!.score >= all[i]!.score, 'scores never increase down the list')
  for (let limit = 1; limit <= orders.length; limit++) {
    const head = (await orderRecommendations(app, college.token, `?limit=${limit}`)).json().items as OrderItem[]
    t.same(head, all.slice(0, limit), `limit ${limit} is the head of the full ranking`)
  }
})

// GET/POST /v1/skills: the vocabulary page, admin additions, duplicates, roles, and stored keys following new aliases.
import t from 'tap'
import { sql } from 'drizzle-orm'
import { sqlRows } from '../../../db/sql-query.ts'
import { api, buildTestApp, loginAdmin, registerOrg, createCoordinator } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'
import { addCollege, collegeRecommendations, matchingWorld, reasonOf, type CollegeItem } from '../../helpers/matching.ts'
import { SKILL_VOCABULARY } from '../../../src/seed/skills.ts'

type SkillJson = { tag: string, nameEn: string, nameZh: string, aliases: string[], createdAt: string }

const postSkill = (app: Parameters<typeof api>[0], token: string | null, payload: Record<string, unknown>) =>
  api(app, token, { method: 'POST', url: '/v1/skills', payload })

await t.test('any signed-in user pages through the whole vocabulary by tag', async (t) => {
  const app = await buildTestApp(t)
  const college = await registerOrg(app, 'college')
  const tags: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await api(app, college.token, { method: 'GET', url: `/v1/skills?limit=7${cursor ? `&cursor=${cursor}` : ''}` })
    t.equal(res.statusCode, 200)
    const body = res.json() as { items: SkillJson[], nextCursor: string | null }
    t.ok(body.items.length <= 7)
    tags.push(...body.items.map((s) => s.tag))
    cursor = body.nextCursor
    pages++
  } while (cursor !== null && pages < 20)
  t.equal(tags.length, SKILL_VOCABULARY.length, 'every seeded skill once')
  t.same(tags, [...tags].sort(), 'by tag')
  const first = (await api(app, college.token, { method: 'GET', url: '/v1/skills?limit=100' })).json().items as SkillJson[]
  const cnc = first.find((s) => s.tag === 'cnc-machining')!
  t.match(cnc, { nameEn: 'CNC machining', nameZh: '数控加工' })
  t.ok(cnc.aliases.includes('数控') && cnc.aliases.includes('cnc') && cnc.aliases.includes('cnc-machining'))
  t.equal((await api(app, null, { method: 'GET', url: '/v1/skills' })).statusCode, 401)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/skills?limit=0' })).statusCode, 400)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/skills?limit=101' })).statusCode, 400)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/skills?cursor=%25%25' })).statusCode, 400, 'a cursor this API never gave')
})

await t.test('an admin adds a skill with aliases (201), then more aliases (200); the list shows them normalised', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const created = await postSkill(app, admin.token, { tag: 'additive-manufacturing', nameEn: 'Additive manufacturing', nameZh: '增材制造', aliases: ['3D打印', '３Ｄ打印', '增材制造', 'additive-manufacturing'] })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { tag: 'additive-manufacturing', nameEn: 'Additive manufacturing', nameZh: '增材制造' })
  t.same(created.json().aliases.sort(), ['3d打印', 'additive-manufacturing', '增材制造'].sort(), 'normalised, deduplicated, the tag included')
  const extended = await postSkill(app, admin.token, { tag: 'welding', aliases: ['Ｗｅｌｄｉｎｇ Ｔｅｃｈｎｏｌｏｇｙ', '焊接技术'] })
  t.equal(extended.statusCode, 200)
  t.ok(extended.json().aliases.includes('welding-technology') && extended.json().aliases.includes('焊接技术'))
  const list = (await api(app, admin.token, { method: 'GET', url: '/v1/skills?limit=100' })).json().items as SkillJson[]
  t.ok(list.some((s) => s.tag === 'additive-manufacturing'), 'reads back')
  t.ok(list.find((s) => s.tag === 'welding')!.aliases.includes('焊接技术'))
})

await t.test('duplicates are 409, incomplete or malformed bodies 400, non-admins 403, no token 401', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const expect = async (payload: Record<string, unknown>, status: number, code: string, why: string, token = admin.token) => {
    const res = await postSkill(app, token, payload)
    t.equal(res.statusCode, status, why)
    t.equal(res.json().code, code, `${why}: code`)
  }
  await expect({ tag: 'welding', nameEn: 'Welding', nameZh: '焊接' }, 409, 'duplicate_skill', 'an existing tag with names')
  await expect({ tag: 'welding' }, 409, 'duplicate_skill', 'an existing tag with nothing to add')
  await expect({ tag: 'welding', aliases: ['焊接'] }, 409, 'duplicate_alias', 'an alias it already has')
  await expect({ tag: 'welding', aliases: ['CNC'] }, 409, 'duplicate_alias', "another skill's alias")
  await expect({ tag: 'lathe', nameEn: 'Lathe', nameZh: '车床' }, 409, 'duplicate_alias', 'a new tag that is already an alias')
  await expect({ tag: 'new-skill', nameEn: 'New', nameZh: '新', aliases: ['数控'] }, 409, 'duplicate_alias', 'a new skill claiming a taken alias')
  await expect({ tag: 'new-skill', nameEn: 'New' }, 422, 'skill_names_required', 'a new tag without nameZh')
  await expect({ tag: 'CNC Machining', nameEn: 'x', nameZh: 'y' }, 400, 'validation_failed', 'a tag not in canonical form')
  await expect({ tag: 'new-skill', nameEn: 'New', nameZh: '新', aliases: ['---'] }, 422, 'alias_empty', 'an alias with nothing left')
  await expect({ tag: 'new-skill', nameEn: 'New', nameZh: '新', weight: 2 }, 400, 'validation_failed', 'an unknown field')
  await expect({ tag: 'new-skill', nameEn: 'New', nameZh: '新', aliases: ['x'.repeat(61)] }, 400, 'validation_failed', 'an alias over 60 characters')
  t.equal((await api(app, admin.token, { method: 'GET', url: '/v1/skills?limit=100' })).json().items.some((s: SkillJson) => s.tag === 'new-skill'), false, 'nothing stored by a refusal')
  const enterprise = await registerOrg(app, 'enterprise')
  const college = await registerOrg(app, 'college')
  const coordinator = await createCoordinator(app, ['equipment'])
  for (const session of [enterprise, college, coordinator]) await expect({ tag: 'robot-welding', nameEn: 'Robot welding', nameZh: '机器人焊接' }, 403, 'forbidden', 'not an admin', session.token)
  t.equal((await postSkill(app, null, { tag: 'robot-welding', nameEn: 'Robot welding', nameZh: '机器人焊接' })).statusCode, 401)
})

await t.test('concurrent additions of one new skill: exactly one is created', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const results = await Promise.all(Array.from({ length: 8 }, () => postSkill(app, admin.token, { tag: 'laser-cutting', nameEn: 'Laser cutting', nameZh: '激光切割', aliases: ['激光切割'] })))
  t.same(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409])
  const aliases = await Promise.all(['激光加工', '激光加工', '激光加工'].map((alias) => postSkill(app, admin.token, { tag: 'laser-cutting', aliases: [alias] })))
  t.same(aliases.map((r) => r.statusCode).sort(), [200, 409, 409], 'one alias, once')
})

await t.test('a new alias moves stored college and order keys onto the canonical tag; profile edits re-resolve', async (t) => {
  const app = await buildTestApp(t)
  const world = await matchingWorld(app)
  const college = await addCollege(app, world, { name: '增材学院', specialties: ['增材制造'] })
  const order = await openOrder(app, world.enterprise, { skills: ['3D打印'] })
  const searchIds = async () => ((await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent('增材制造')}` })).json() as { items: Array<{ id: string }> }).items.map((o) => o.id)
  t.same(await searchIds(), [], 'a search for the unknown spelling finds no tagged order')
  const before = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  t.equal(reasonOf(before[0]!, 'skill_fit').score, 0, 'two unknown spellings do not match yet')
  const res = await postSkill(app, world.admin.token, { tag: 'additive-manufacturing', nameEn: 'Additive manufacturing', nameZh: '增材制造', aliases: ['3D打印', '增材制造'] })
  t.equal(res.statusCode, 201)
  const after = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  t.equal(reasonOf(after[0]!, 'skill_fit').score, 1, 'both now resolve to additive-manufacturing')
  t.equal(reasonOf(after[0]!, 'skill_fit').detail, '1 of 1 required skill (additive-manufacturing)')
  t.same(await sqlRows(app.data, sql`select skill from order_skills where order_id = ${order['id']}`), [{ skill: 'additive-manufacturing' }], 'the order index re-keyed')
  t.same(await searchIds(), [order['id']], 'the search finds the order tagged 3D打印 through the new alias, its terms unchanged')

  const patched = await api(app, college.token, { method: 'PATCH', url: `/v1/organizations/${college.organizationId}`, payload: { specialties: ['焊接'] } })
  t.equal(patched.statusCode, 200)
  t.same(await sqlRows(app.data, sql`select skill from college_skills where college_id = ${college.organizationId}`), [{ skill: 'welding' }], 'keys follow the profile')
  const edited = (await collegeRecommendations(app, world.enterprise.token, order['id'])).json().items as CollegeItem[]
  t.equal(reasonOf(edited[0]!, 'skill_fit').score, 0)
})

// The change feed on PostgreSQL: an event whose transaction commits after a later-numbered one is never passed over.
import t from 'tap'
import { api, buildTestApp, createCoordinator, registerOrg, type Session, type TestApp } from '../../helper.ts'
import { recordEvent } from '../../../src/modules/events/index.ts'

type Feed = { items: Array<{ id: string, type: string }>, nextCursor: string }

async function feed (app: TestApp, who: Session, after?: string): Promise<Feed> {
  const res = await api(app, who.token, { method: 'GET', url: `/v1/events?limit=100${after ? `&after=${after}` : ''}` })
  if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode} ${res.body}`)
  return res.json()
}

async function feedEnd (app: TestApp, who: Session): Promise<string> {
  let page = await feed(app, who)
  while (page.items.length > 0) page = await feed(app, who, page.nextCursor)
  return page.nextCursor
}

t.test('a transaction that numbered its event first and commits last: the reader waits for it, then reads both in order', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment'])
  const early = await registerOrg(app, 'college', { name: '慈溪职业高级中学' })
  const late = await registerOrg(app, 'college', { name: '余姚技师学院' })
  const requested = await api(app, early.token, { method: 'POST', url: '/v1/alliances/equipment/memberships' })
  t.equal(requested.statusCode, 201)
  const alliance = await app.data.get<{ id: string }>("select id from alliances where code = 'equipment'")
  const start = await feedEnd(app, coordinator)

  // T1 records an event addressed to the coordinator and stays open until released.
  let release!: () => void
  const gate = new Promise<void>((resolve) => { release = resolve })
  let recorded!: () => void
  const written = new Promise<void>((resolve) => { recorded = resolve })
  const slow = app.data.write(async (tx) => {
    await recordEvent(tx, {
      type: 'membership.requested',
      subjectType: 'membership',
      subjectId: requested.json().id,
      allianceId: alliance?.id ?? null,
      actor: null,
      at: app.clock(),
      data: { replayed: true }
    })
    recorded()
    await gate
  })
  await written

  // T2 numbers its event after T1's and commits first.
  t.equal((await api(app, late.token, { method: 'POST', url: '/v1/alliances/equipment/memberships' })).statusCode, 201)
  const whileOpen = await feed(app, coordinator, start)
  t.same(whileOpen.items, [], 'nothing is read past a transaction still running, so its event cannot be skipped')
  t.equal(whileOpen.nextCursor, start, 'the reader stays where it stood')

  release()
  await slow
  // The bound is the oldest transaction running in the whole cluster: other test files' transactions (other
  // databases, same cluster) can hold it back a moment longer, so the reader may have to ask again.
  let after = await feed(app, coordinator, whileOpen.nextCursor)
  for (let i = 0; i < 100 && after.items.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    after = await feed(app, coordinator, whileOpen.nextCursor)
  }
  t.same(after.items.map((item) => item.type), ['membership.requested', 'membership.requested'])
  const rows = await app.data.all<{ id: string, seq: number }>("select id, seq from events where type = 'membership.requested' order by seq desc limit 2")
  t.same(after.items.map((item) => item.id), rows.map((row) => row.id).reverse(), 'T1 first, then T2: each once')
  t.same((await feed(app, coordinator, after.nextCursor)).items, [], 'and nothing twice')
})

// The change feed under concurrent writes: a reader that follows the cursors while bids pour in reads each event once.
import t from 'tap'
import { api, buildTestApp, joinAlliance, marketFixture, registerOrg, type Session, type TestApp } from '../../helper.ts'
import { bidBody, openOrder } from '../../helpers/market.ts'

type Feed = { items: Array<{ id: string, type: string, orderId: string | null }>, nextCursor: string }

async function feed (app: TestApp, who: Session, after: string | undefined, limit: number): Promise<Feed> {
  const res = await api(app, who.token, { method: 'GET', url: `/v1/events?limit=${limit}${after ? `&after=${after}` : ''}` })
  if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode} ${res.body}`)
  return res.json()
}

const COLLEGES = 24

t.test('bids submitted in parallel while the owner follows its feed: every bid.submitted once, none skipped', async (t) => {
  const app = await buildTestApp(t, { WRITE_RATE_LIMIT: '0' })
  const { enterprise: owner, coordinator } = await marketFixture(app)
  const colleges: Session[] = []
  for (let i = 0; i < COLLEGES; i++) {
    const college = await registerOrg(app, 'college', { name: `职业技术学院 ${i}` })
    await joinAlliance(app, college, coordinator, 'equipment')
    colleges.push(college)
  }
  const order = await openOrder(app, owner, { headcount: 500 })

  const seen: string[] = []
  let cursor: string | undefined
  // Set once the writes are done: how many events the owner's feed must come to. On PostgreSQL the feed may lag
  // behind the commits (it reads below the oldest running transaction), so the reader goes on until it has them all.
  const goal: { expected?: number } = {}
  const deadline = Date.now() + 60_000
  const reader = (async () => {
    for (;;) {
      const page = await feed(app, owner, cursor, 3)
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
      if (goal.expected !== undefined && seen.length >= goal.expected && page.items.length === 0) return
      if (Date.now() > deadline) return
      if (page.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 2))
    }
  })()
  const answers = await Promise.all(colleges.map((college) =>
    api(app, college.token, { method: 'POST', url: `/v1/orders/${String(order['id'])}/bids`, payload: bidBody({ cohortSize: 10 }) })))
  const count = await app.data.get<{ count: number | string }>('select count(*) as count from notifications where recipient_id = @owner', { owner: owner.organizationId })
  goal.expected = Number(count?.count)
  await reader
  t.same(answers.map((res) => res.statusCode), colleges.map(() => 201), 'every bid accepted')

  const stored = await app.data.all<{ id: string }>(
    'select e.id from notifications n join events e on e.id = n.event_id where n.recipient_id = @owner order by e.id', { owner: owner.organizationId })
  t.equal(new Set(seen).size, seen.length, 'no event read twice')
  t.same([...seen].sort(), stored.map((row) => row.id), 'every event of the owner read')
  const bidEvents = await app.data.all<{ id: string }>("select id from events where type = 'bid.submitted' and order_id = @orderId", { orderId: order['id'] })
  t.equal(bidEvents.length, COLLEGES)
  t.ok(bidEvents.every((row) => seen.includes(row.id)), 'each bid.submitted among them')
})

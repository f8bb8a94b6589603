// Sanity check of the recommendation queries at size: 5,000 colleges for one order, 100,000 open orders for one college.
// Run: npx tsx test/bench/matching-cost.ts  (builds a throw-away database under the OS temp directory)
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteConnection, openSqliteDataLayer } from '../../db/sqlite/data-layer.ts'
import { rebuildMatchFacts } from '../../db/figures/order-match-facts.ts'
import { seedReferenceData } from '../../src/seed/reference.ts'
import { skillKeys } from '../../src/modules/skills/resolve.ts'
import { skillKeyTable } from './skill-keys.ts'
import { rankCollegesForOrder } from '../../src/modules/recommendations/colleges-for-order.ts'
import { collegeFacts, rankOrdersForCollege } from '../../src/modules/recommendations/orders-for-college.ts'
import { createRng } from './prng.ts'

const COLLEGES = 5_000
const ORDERS = 100_000
const RUNS = Number(process.env['RUNS'] ?? 200)

const dir = process.env['KEEP_DIR'] ?? mkdtempSync(join(tmpdir(), 'matching-cost-'))
const file = join(dir, 'bench.db')
const reuse = existsSync(file)
const at = new Date('2027-01-10T08:00:00.000Z')
// Reference data through the data layer (it applies the migrations), then the bulk rows on a connection of their own.
const seeding = openSqliteDataLayer(file)
await seedReferenceData(seeding, at)
const vocabulary = (await seeding.all<{ tag: string }>('select tag from skills')).map((r) => r.tag)
const alliances = (await seeding.all<{ id: string }>('select id from alliances')).map((r) => r.id)
const keysOf = await skillKeyTable(seeding, vocabulary)
await seeding.close()
const rng = createRng(42)
const sqlite = openSqliteConnection(file)
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(8, '0')}-0000-7000-8000-000000000000`

const insertOrg = sqlite.prepare('insert into organizations (id, kind, name, specialties, annual_capacity, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)')
const insertMember = sqlite.prepare("insert into memberships (id, organization_id, alliance_id, status, created_at) values (?, ?, ?, 'active', ?)")
const insertCollegeSkill = sqlite.prepare('insert or ignore into college_skills (college_id, skill) values (?, ?)')
const insertUser = sqlite.prepare("insert into users (id, email, email_normalized, password_hash, name, role, organization_id, created_at) values (?, ?, ?, 'x', 'u', 'enterprise', ?, ?)")
const insertOrder = sqlite.prepare(`insert into orders (id, alliance_id, organization_id, created_by, status, title, occupation, description, skills, headcount, location,
  training_start, training_end, bid_deadline, created_at, updated_at) values (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, '宁波', ?, ?, ?, ?, ?)`)
const insertOrderSkill = sqlite.prepare('insert or ignore into order_skills (skill, order_id) values (?, ?)')
const insertRecord = sqlite.prepare('insert into college_records values (?, ?, ?, ?, ?)')
const insertCommitment = sqlite.prepare('insert into college_commitments values (?, ?, ?, ?, ?)')

const t0 = Date.now()
if (!reuse) {
  sqlite.transaction(() => {
    const now = at.toISOString()
    insertOrg.run(id('e', 0), 'enterprise', '宁波精工', null, null, now, now)
    insertUser.run(id('u', 0), 'e@x.cn', 'e@x.cn', id('e', 0), now)
    alliances.forEach((a, k) => insertMember.run(id(`me${k}`, 0), id('e', 0), a, now))
    for (let i = 0; i < COLLEGES; i++) {
      const specialties = rng.sample(vocabulary, rng.int(2, 6))
      insertOrg.run(id('c', i), 'college', `职业技术学院 ${i}`, JSON.stringify(specialties), rng.chance(0.1) ? null : rng.int(50, 2000), now, now)
      for (const s of specialties) insertCollegeSkill.run(id('c', i), s)
      insertMember.run(id('mc', i), id('c', i), alliances[0], now)
      if (rng.chance(0.7)) insertRecord.run(id('c', i), rng.int(1, 10), 400, rng.int(200, 400), rng.int(50, 200))
      for (let k = rng.int(0, 3); k > 0; k--) insertCommitment.run(id(`k${k}`, i), id('c', i), rng.int(10, 80), '2027-02-01', '2027-06-30')
    }
    for (let i = 0; i < ORDERS; i++) {
      const skills = rng.sample(vocabulary, rng.int(1, 5))
      const start = `2027-0${rng.int(3, 9)}-01`
      insertOrder.run(id('o', i), alliances[i % 3], id('e', 0), id('u', 0), `订单 ${i} 数控操作工培养`, '数控车工', '描述 '.repeat(rng.int(10, 200)),
        JSON.stringify(skills), rng.int(5, 200), start, start.replace('-01', '-28').replace(/-0(\d)-/, (_, m) => `-0${Math.min(9, Number(m) + 2)}-`),
      `2027-02-${String(rng.int(10, 28)).padStart(2, '0')}T00:00:00.000Z`, now, now)
      for (const k of keysOf(skills)) insertOrderSkill.run(k, id('o', i))
    }
    // The college of the feed is a member of all three alliances, with a few live commitments.
    alliances.slice(1).forEach((a, k) => insertMember.run(id(`mx${k}`, 0), id('c', 0), a, now))
  })()
}
sqlite.close()
// The orders' feed facts, as the orders code writes them (the bulk rows above bypassed it); records and commitments are set directly.
const facts = openSqliteDataLayer(file)
await facts.write((tx) => rebuildMatchFacts(tx))
await facts.close()
const analyzing = openSqliteConnection(file)
analyzing.exec('analyze')
analyzing.close()
console.log(`seeded ${COLLEGES} colleges and ${ORDERS} open orders in ${Date.now() - t0} ms`)

/** Wall time and this process's CPU time per run: on a shared machine the CPU time is what an idle one would see. */
async function measure (label: string, run: () => Promise<number>) {
  const wall: number[] = []
  const cpu: number[] = []
  let count = 0
  for (let i = 0; i < RUNS; i++) {
    const startCpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    count = await run()
    wall.push(Number(process.hrtime.bigint() - start) / 1e6)
    const used = process.cpuUsage(startCpu)
    cpu.push((used.user + used.system) / 1000)
  }
  const p = (times: number[], q: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2)
  console.log(`${label}: ${count} items; wall p50 ${p(wall, 0.5)} ms, p99 ${p(wall, 0.99)} ms; cpu p50 ${p(cpu, 0.5)} ms, p99 ${p(cpu, 0.99)} ms`)
}

const data = openSqliteDataLayer(file)
const order = { id: id('o', 0), allianceId: alliances[0]!, headcount: 40, trainingStart: '2027-03-01', trainingEnd: '2027-05-31' }
const orderKeys = await skillKeys(data, ['数控', 'welding', 'PLC'])
await measure('colleges for one order', async () => (await rankCollegesForOrder(data, order, orderKeys, 10)).length)
const nowAt = at
await measure('orders for one college', async () => {
  const facts = await collegeFacts(data, { id: id('c', 0), annualCapacity: 400 }, alliances)
  return (await rankOrdersForCollege(data, facts, nowAt, 10)).length
})
await data.close()
if (!process.env['KEEP_DIR']) rmSync(dir, { recursive: true, force: true })

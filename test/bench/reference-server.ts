// The reference: a minimal Fastify + better-sqlite3 server over the bench file doing only what cannot be skipped.
// Same list, point read and insert as the app: verify the bearer token (same secret, HS256, iss/aud), one indexed
// membership look-up, prepared statements, keyset pages; the same response shape. Started as a child process by run.ts.
import BetterSqlite3 from 'better-sqlite3'
import Fastify from 'fastify'
import fastifyJwt from '@fastify/jwt'
import { CreateOrderBody, type CreateOrderInput } from '../../schemas/orders.ts'
import { validatorCompiler } from '../../src/lib/validation.ts'
import { newId } from '../../src/lib/ids.ts'
import { orderSearchTerms } from '../../src/modules/orders/search-terms.ts'
import { orderSearchKey } from '../../db/sqlite/search-key.ts'
import { normalizeSkillTags } from '../../src/modules/skills/normalize.ts'

const env = process.env
const sqlite = new BetterSqlite3(env['DATABASE_PATH']!)
// The pragmas db/sqlite/data-layer.ts openSqliteConnection sets for the app.
for (const pragma of ['busy_timeout = 5000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'cache_size = -65536', 'temp_store = MEMORY']) sqlite.pragma(pragma)

type OrderRow = {
  id: string, allianceCode: string, organizationId: string, organizationName: string, status: string, title: string, occupation: string,
  description: string, skills: string, headcount: number, location: string, trainingStart: string, trainingEnd: string, bidDeadline: string,
  budgetPerTrainee: number | null, hiringPositions: number | null, monthlySalaryMin: number | null, monthlySalaryMax: number | null,
  cancelReason: string | null, publishedAt: string | null, createdAt: string, updatedAt: string
}
const COLUMNS = `o.id, a.code as allianceCode, o.organization_id as organizationId, g.name as organizationName,
  case when o.status = 'open' and o.bid_deadline <= @now then 'evaluating' else o.status end as status,
  o.title, o.occupation, o.description, o.skills, o.headcount, o.location, o.training_start as trainingStart,
  o.training_end as trainingEnd, o.bid_deadline as bidDeadline, o.budget_per_trainee as budgetPerTrainee,
  o.hiring_positions as hiringPositions, o.monthly_salary_min as monthlySalaryMin, o.monthly_salary_max as monthlySalaryMax,
  o.cancel_reason as cancelReason, o.published_at as publishedAt, o.created_at as createdAt, o.updated_at as updatedAt`
const JOINS = 'join alliances a on a.id = o.alliance_id join organizations g on g.id = o.organization_id'

const alliances = new Map(sqlite.prepare<[], { id: string, code: string }>('select id, code from alliances').all().map((a) => [a.code, a.id]))
const membership = sqlite.prepare<{ user: string, alliance: string }, { org: string, kind: string }>(`select u.organization_id as org, g.kind
  from users u join memberships m on m.organization_id = u.organization_id and m.alliance_id = @alliance and m.status = 'active'
  join organizations g on g.id = u.organization_id where u.id = @user`)
const listOpen = sqlite.prepare<Record<string, unknown>, OrderRow>(`select ${COLUMNS} from orders o ${JOINS}
  where o.alliance_id = @alliance and o.status = 'open' and +o.bid_deadline > @now and o.id < @before order by o.id desc limit @limit`)
const readVisible = sqlite.prepare<Record<string, unknown>, OrderRow>(`select ${COLUMNS} from orders o ${JOINS}
  join users u on u.id = @user join memberships m on m.organization_id = u.organization_id and m.alliance_id = o.alliance_id and m.status = 'active'
  where o.id = @id and o.status in ('open', 'evaluating', 'awarded')`)
const insertOrder = sqlite.prepare(`insert into orders (id, alliance_id, organization_id, created_by, status, title, occupation, description, skills,
  headcount, location, training_start, training_end, bid_deadline, budget_per_trainee, hiring_positions, monthly_salary_min, monthly_salary_max,
  created_at, updated_at) values (@id, @alliance, @org, @user, 'draft', @title, @occupation, @description, @skills, @headcount, @location,
  @trainingStart, @trainingEnd, @bidDeadline, @budget, @positions, @salaryMin, @salaryMax, @now, @now)`)
const insertTerms = sqlite.prepare('insert into order_search (rowid, terms, order_id) values (?, ?, ?)')
const insertSkill = sqlite.prepare('insert into order_skills (skill, order_id) values (?, ?)')
const canonical = sqlite.prepare<[string], { tag: string }>('select s.tag from skill_aliases a join skills s on s.id = a.skill_id where a.alias = ?')
const readOwn = sqlite.prepare<Record<string, unknown>, OrderRow>(`select ${COLUMNS} from orders o ${JOINS} where o.id = @id`)

const toDto = (r: OrderRow) => ({
  id: r.id, allianceCode: r.allianceCode, organization: { id: r.organizationId, name: r.organizationName }, status: r.status,
  title: r.title, occupation: r.occupation, description: r.description, skills: JSON.parse(r.skills) as string[], headcount: r.headcount,
  location: r.location, trainingStart: r.trainingStart, trainingEnd: r.trainingEnd, bidDeadline: r.bidDeadline, budgetPerTrainee: r.budgetPerTrainee,
  hiringCommitment: r.hiringPositions === null ? null : { positions: r.hiringPositions, monthlySalaryMin: r.monthlySalaryMin, monthlySalaryMax: r.monthlySalaryMax },
  cancelReason: r.cancelReason, publishedAt: r.publishedAt, createdAt: r.createdAt, updatedAt: r.updatedAt
})
const cursorOf = (id: string) => Buffer.from(id, 'utf8').toString('base64url')
const MAX_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff'

const app = Fastify({ logger: false })
app.setValidatorCompiler(validatorCompiler)
await app.register(fastifyJwt, {
  secret: env['JWT_SECRET']!,
  verify: { algorithms: ['HS256'], allowedIss: 'talent-orders', allowedAud: 'talent-orders-api', requiredClaims: ['exp', 'sub', 'sid'] }
})
app.addHook('onRequest', async (request, reply) => {
  if (request.url === '/ready' || request.url === '/health') return
  try {
    await request.jwtVerify()
  } catch {
    return reply.code(401).send({ status: 401, code: 'unauthenticated' })
  }
})
const userOf = (request: { user: object }) => (request.user as { sub: string }).sub

app.get<{ Querystring: { alliance: string, limit?: string, cursor?: string } }>('/v1/orders', async (request, reply) => {
  const allianceId = alliances.get(request.query.alliance)
  if (!allianceId || !membership.get({ user: userOf(request), alliance: allianceId })) return reply.code(404).send({ status: 404 })
  const limit = Math.min(100, Number(request.query.limit ?? 20))
  const before = request.query.cursor ? Buffer.from(request.query.cursor, 'base64url').toString('utf8') : MAX_ID
  const rows = listOpen.all({ alliance: allianceId, now: new Date().toISOString(), before, limit: limit + 1 })
  const items = rows.slice(0, limit)
  return { items: items.map(toDto), nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!.id) : null }
})

app.get<{ Params: { id: string } }>('/v1/orders/:id', async (request, reply) => {
  const row = readVisible.get({ id: request.params.id, user: userOf(request), now: new Date().toISOString() })
  return row ? toDto(row) : reply.code(404).send({ status: 404 })
})

const createOrder = sqlite.transaction((row: Record<string, unknown>, terms: string[], skills: string[]) => {
  insertOrder.run(row)
  insertTerms.run(orderSearchKey(row['id'] as string), terms.join(' '), row['id'])
  for (const skill of skills) insertSkill.run(skill, row['id'])
})
app.post<{ Body: CreateOrderInput }>('/v1/orders', { schema: { body: CreateOrderBody } }, async (request, reply) => {
  const body = request.body
  const allianceId = alliances.get(body.allianceCode)
  const member = allianceId ? membership.get({ user: userOf(request), alliance: allianceId }) : undefined
  if (!allianceId || !member || member.kind !== 'enterprise') return reply.code(403).send({ status: 403 })
  const now = new Date().toISOString()
  const id = newId()
  const skills = [...new Set(normalizeSkillTags(body.skills).map((key) => canonical.get(key)?.tag ?? key))]
  createOrder({
    id, alliance: allianceId, org: member.org, user: userOf(request), title: body.title, occupation: body.occupation, description: body.description ?? '',
    skills: JSON.stringify(body.skills), headcount: body.headcount, location: body.location, trainingStart: body.trainingStart, trainingEnd: body.trainingEnd,
    bidDeadline: body.bidDeadline, budget: body.budgetPerTrainee ?? null, positions: body.hiringCommitment?.positions ?? null,
    salaryMin: body.hiringCommitment?.monthlySalaryMin ?? null, salaryMax: body.hiringCommitment?.monthlySalaryMax ?? null, now
  }, orderSearchTerms({
    allianceId, organizationId: member.org, title: body.title, occupation: body.occupation, description: body.description ?? '', skills: body.skills, bidders: []
  }), skills)
  return reply.code(201).send(toDto(readOwn.get({ id, now })!))
})

app.get('/ready', async () => ({ status: 'ok' }))
app.get('/health', async () => ({ status: 'ok' }))
const close = async () => {
  try {
    await app.close()
    sqlite.close()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', close)
process.on('SIGINT', close)
await app.listen({ host: '127.0.0.1', port: Number(env['PORT'] ?? 0) })

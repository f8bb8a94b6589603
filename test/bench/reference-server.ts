// The reference: a minimal Fastify server over the bench's database doing only what cannot be skipped, on SQLite or PostgreSQL.
// Same list, point read and insert as the app: verify the bearer token (same secret, HS256, iss/aud), one indexed
// membership look-up, prepared statements, keyset pages; the same response bodies. Started as a child process by run.ts:
// DATABASE_URL (PostgreSQL, DATABASE_POOL_SIZE connections) or else DATABASE_PATH (the SQLite file).
import Fastify from 'fastify'
import fastifyJwt from '@fastify/jwt'
import { CreateOrderBody, type CreateOrderInput } from '../../schemas/orders.ts'
import { validatorCompiler } from '../../src/lib/validation.ts'
import { newId } from '../../src/lib/ids.ts'
import { orderSearchTerms } from '../../src/modules/orders/search-terms.ts'
import { normalizeSkillTags } from '../../src/modules/skills/normalize.ts'
import { toDto, type ReferenceStore } from './reference-store.ts'
import { sqliteStore } from './reference-sqlite.ts'
import { pgStore } from './reference-pg.ts'

const env = process.env
const url = env['DATABASE_URL']
const store: ReferenceStore = url ? await pgStore(url, Number(env['DATABASE_POOL_SIZE'] ?? 10)) : sqliteStore(env['DATABASE_PATH']!)

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
  const allianceId = store.allianceId(request.query.alliance)
  if (!allianceId || !(await store.membership(userOf(request), allianceId))) return reply.code(404).send({ status: 404 })
  const limit = Math.min(100, Number(request.query.limit ?? 20))
  const before = request.query.cursor ? Buffer.from(request.query.cursor, 'base64url').toString('utf8') : MAX_ID
  const rows = await store.listOpen({ allianceId, now: new Date().toISOString(), before, limit: limit + 1 })
  const items = rows.slice(0, limit)
  return { items: items.map(toDto), nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!.id) : null }
})

app.get<{ Params: { id: string } }>('/v1/orders/:id', async (request, reply) => {
  const row = await store.readVisible({ id: request.params.id, userId: userOf(request), now: new Date().toISOString() })
  return row ? toDto(row) : reply.code(404).send({ status: 404 })
})

app.post<{ Body: CreateOrderInput }>('/v1/orders', { schema: { body: CreateOrderBody } }, async (request, reply) => {
  const body = request.body
  const allianceId = store.allianceId(body.allianceCode)
  const member = allianceId ? await store.membership(userOf(request), allianceId) : undefined
  if (!allianceId || !member || member.kind !== 'enterprise') return reply.code(403).send({ status: 403 })
  const id = newId()
  const skills: string[] = []
  for (const key of normalizeSkillTags(body.skills)) skills.push((await store.canonicalTag(key)) ?? key)
  const keys = [...new Set(skills)]
  const terms = orderSearchTerms({
    allianceId, organizationId: member.org, title: body.title, occupation: body.occupation, description: body.description ?? '', skills: body.skills, bidders: []
  })
  const row = await store.create({ id, allianceId, member, userId: userOf(request), body, terms, skills: keys, now: new Date().toISOString() })
  return reply.code(201).send(toDto(row))
})

app.get('/ready', async () => ({ status: 'ok' }))
app.get('/health', async () => ({ status: 'ok' }))
const close = async () => {
  try {
    await app.close()
    await store.close()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', close)
process.on('SIGINT', close)
await app.listen({ host: '127.0.0.1', port: Number(env['PORT'] ?? 0) })

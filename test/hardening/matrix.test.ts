// Role × operation matrix from the route table: 401 without a token everywhere, 403/404 for every caller DESIGN does not allow.
import t from 'tap'
import fc from 'fast-check'
import { buildTestApp, login, registerOrg, joinAlliance, api, loginAdmin, type TestApp, type Session } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'
import { operationsOf, arbitraryFor, needsToken, type OpenApi, type Schema } from './openapi-tools.ts'
import { DEMO_PASSWORD } from '../../src/seed/demo.ts'

type ActorKey = 'owner' | 'party' | 'peerEnterprise' | 'peerCollege' | 'outsiderEnterprise' | 'outsiderCollege' | 'coordinator' | 'otherCoordinator' | 'admin'
const EVERYONE: ActorKey[] = ['owner', 'party', 'peerEnterprise', 'peerCollege', 'outsiderEnterprise', 'outsiderCollege', 'coordinator', 'otherCoordinator', 'admin']
const ENTERPRISES: ActorKey[] = ['owner', 'peerEnterprise', 'outsiderEnterprise']
const COLLEGES: ActorKey[] = ['party', 'peerCollege', 'outsiderCollege']
const ORGANIZATIONS: ActorKey[] = [...ENTERPRISES, ...COLLEGES]
const COORDINATORS: ActorKey[] = ['coordinator', 'otherCoordinator']
const except = (...allowed: ActorKey[]) => EVERYONE.filter((a) => !allowed.includes(a))
const strangers: ActorKey[] = ['peerEnterprise', 'peerCollege', 'outsiderEnterprise', 'outsiderCollege', 'otherCoordinator']

/**
 * Who must be refused (403 or 404) per operation, from DESIGN's "who" column, on one chain of
 * resources: an order of `owner` with a bid of the college `party`, its approved match and the
 * cohort. Peers are active members of the same alliance, outsiders are not. Callers DESIGN
 * leaves open (an admin deciding a membership) are not asserted. An operation missing here fails.
 */
const DENIED: Record<string, ActorKey[]> = {
  'POST /v1/auth/logout': [],
  'POST /v1/auth/password': [],
  'GET /v1/me': [],
  'POST /v1/users': except('admin'),
  'GET /v1/users/{id}': except('admin'),
  'POST /v1/alliances': except('admin'),
  'POST /v1/alliances/{code}/memberships': [...COORDINATORS, 'admin'],
  'GET /v1/alliances/{code}/memberships': [...ORGANIZATIONS, 'otherCoordinator'],
  'GET /v1/memberships/{id}': [...ORGANIZATIONS, 'otherCoordinator'],
  'POST /v1/memberships/{id}/approve': [...ORGANIZATIONS, 'otherCoordinator'],
  'POST /v1/memberships/{id}/reject': [...ORGANIZATIONS, 'otherCoordinator'],
  'GET /v1/organizations': [],
  'GET /v1/organizations/{id}': [],
  'PATCH /v1/organizations/{id}': except('owner'),
  'POST /v1/orders': [...COLLEGES, ...COORDINATORS, 'admin'],
  'GET /v1/orders': [],
  'GET /v1/orders/{id}': ['outsiderEnterprise', 'outsiderCollege', 'otherCoordinator'],
  'PATCH /v1/orders/{id}': except('owner'),
  'POST /v1/orders/{id}/publish': except('owner'),
  'POST /v1/orders/{id}/close-bidding': except('owner'),
  'POST /v1/orders/{id}/finalize': except('owner'),
  'POST /v1/orders/{id}/cancel': except('owner', 'coordinator'),
  'GET /v1/orders/{id}/events': [...COLLEGES, 'peerEnterprise', 'outsiderEnterprise', 'otherCoordinator'],
  'POST /v1/orders/{id}/bids': [...ENTERPRISES, ...COORDINATORS, 'admin', 'outsiderCollege'],
  'GET /v1/orders/{id}/bids': ['peerEnterprise', 'outsiderEnterprise', 'outsiderCollege', 'otherCoordinator'],
  'POST /v1/orders/{id}/questions': [...ENTERPRISES, ...COORDINATORS, 'admin', 'outsiderCollege'],
  'GET /v1/orders/{id}/questions': ['outsiderEnterprise', 'outsiderCollege', 'otherCoordinator'],
  'POST /v1/questions/{id}/answer': except('owner'),
  'GET /v1/bids': [],
  'GET /v1/bids/{id}': strangers,
  'PATCH /v1/bids/{id}': except('party'),
  'POST /v1/bids/{id}/withdraw': except('party'),
  'POST /v1/bids/{id}/confirm': except('party'),
  'POST /v1/orders/{id}/matches': except('owner'),
  'GET /v1/matches': [],
  'GET /v1/matches/{id}': strangers,
  'POST /v1/matches/{id}/approve': [...ORGANIZATIONS, 'otherCoordinator'],
  'POST /v1/matches/{id}/reject': [...ORGANIZATIONS, 'otherCoordinator'],
  'POST /v1/matches/{id}/withdraw': except('owner'),
  // Only another bidder complains: the chain's parties, coordinators and admins see its match (403), the rest do not (404);
  // the chain holds no complaint, so its complaint paths answer 404 to everyone.
  'POST /v1/matches/{id}/complaints': EVERYONE,
  'GET /v1/complaints': [],
  'GET /v1/complaints/{id}': EVERYONE,
  'POST /v1/complaints/{id}/dismiss': EVERYONE,
  'POST /v1/complaints/{id}/uphold': EVERYONE,
  'GET /v1/orders/{id}/recommendations': [...COLLEGES, 'peerEnterprise', 'outsiderEnterprise', 'otherCoordinator'],
  'GET /v1/recommendations/orders': [...ENTERPRISES, ...COORDINATORS],
  'GET /v1/skills': [],
  'GET /v1/skills/{tag}': [],
  'POST /v1/skills': except('admin'),
  'GET /v1/cohorts': [],
  'GET /v1/cohorts/{id}': strangers,
  'POST /v1/cohorts/{id}/trainees': except('party'),
  'GET /v1/cohorts/{id}/trainees': strangers,
  'POST /v1/cohorts/{id}/start': except('party'),
  'POST /v1/cohorts/{id}/complete': except('party'),
  'POST /v1/cohorts/{id}/cancel': except('party'),
  'PATCH /v1/cohorts/{id}/trainees/{tid}': except('party'),
  'POST /v1/cohorts/{id}/trainees/statuses': except('party'),
  'POST /v1/cohorts/{id}/trainees/{tid}/hire': except('owner'),
  'GET /v1/reports/alliances/{code}': [...ORGANIZATIONS, 'otherCoordinator'],
  // Active members (the chain's parties and peers) see the alliance's targets (403 to set them), outsiders do not (404).
  'PUT /v1/alliances/{code}/targets/{year}': [...ORGANIZATIONS, 'otherCoordinator'],
  'GET /v1/alliances/{code}/targets/{year}': ['outsiderEnterprise', 'outsiderCollege', 'otherCoordinator'],
  'GET /v1/reports/organizations/{id}': except('owner', 'admin'),
  // Everyone has an inbox and a feed of their own.
  'GET /v1/notifications': [],
  'POST /v1/notifications/read': [],
  'GET /v1/events': [],
  // Everyone has endpoints of their own; the chain's id is nobody's endpoint, so it is a 404 to all.
  'POST /v1/webhooks': [],
  'GET /v1/webhooks': [],
  'GET /v1/webhooks/{id}': EVERYONE,
  'DELETE /v1/webhooks/{id}': EVERYONE,
  'GET /v1/webhooks/{id}/deliveries': EVERYONE,
  // The owner's organization's people and invitations: its owner only (everyone else sees the public profile: 403).
  'GET /v1/organizations/{id}/members': except('owner'),
  'PATCH /v1/organizations/{id}/members/{userId}': except('owner'),
  'POST /v1/organizations/{id}/invitations': except('owner'),
  'GET /v1/organizations/{id}/invitations': except('owner'),
  'GET /v1/invitations/{id}': except('owner'),
  'POST /v1/invitations/{id}/resend': except('owner'),
  'POST /v1/invitations/{id}/revoke': except('owner')
}

/** The year the chain's alliance has targets for. */
const TARGET_YEAR = '2027'

type Chain = {
  code: string
  orderId: string
  bidId: string
  matchId: string
  cohortId: string
  traineeId: string
  membershipId: string
  ownerOrgId: string
  ownerUserId: string
  invitationId: string
}

/** The demo market's cohort and everything around it, plus peers who joined its alliance through the API. */
async function buildWorld (app: TestApp): Promise<{ actors: Record<ActorKey, Session>, chain: Chain }> {
  const one = async <T>(sql: string, ...args: string[]) => await app.data.get(sql, args) as T
  const cohort = await one<{ id: string, order_id: string, match_id: string, college_id: string, enterprise_id: string }>("select * from cohorts where status = 'planned' limit 1")
  const code = (await one<{ code: string }>('select a.code from alliances a join orders o on o.alliance_id = a.id where o.id = ?', cohort.order_id)).code
  const bidId = (await one<{ bid_id: string }>('select bid_id from matches where id = ?', cohort.match_id)).bid_id
  const userOf = async (orgId: string) => (await one<{ email: string }>("select email from users where organization_id = ? and org_role = 'owner' limit 1", orgId)).email
  const outsider = async (kind: string) => (await one<{ email: string }>(`select u.email from users u join organizations o on o.id = u.organization_id
    where o.kind = ? and not exists (select 1 from memberships m join alliances a on a.id = m.alliance_id where m.organization_id = o.id and a.code = ?) limit 1`, kind, code)).email
  const coordinatorOf = async (match: 'same' | 'other') => (await one<{ email: string }>(`select u.email from users u join coordinator_alliances ca on ca.user_id = u.id join alliances a on a.id = ca.alliance_id
    where a.code ${match === 'same' ? '=' : '<>'} ? and not exists (select 1 from coordinator_alliances c2 join alliances a2 on a2.id = c2.alliance_id where c2.user_id = u.id and a2.code = ? and ${match === 'other' ? '1 = 1' : '1 = 0'}) limit 1`, code, code)).email
  const demo = (email: string) => login(app, email, DEMO_PASSWORD)
  const coordinator = await demo(await coordinatorOf('same'))
  const peerEnterprise = await registerOrg(app, 'enterprise', { name: '同盟企业 Peer Enterprise' })
  const peerCollege = await registerOrg(app, 'college', { name: '同盟学院 Peer College' })
  await joinAlliance(app, peerEnterprise, coordinator, code)
  await joinAlliance(app, peerCollege, coordinator, code)
  const targets = await api(app, coordinator.token, { method: 'PUT', url: `/v1/alliances/${code}/targets/${TARGET_YEAR}`, payload: { ordersAwarded: 10 } })
  if (targets.statusCode !== 200) throw new Error(`targets failed: ${targets.statusCode} ${targets.body}`)
  const applicant = await registerOrg(app, 'college', { name: '申请中的学院 Applicant' })
  const membership = await api(app, applicant.token, { method: 'POST', url: `/v1/alliances/${code}/memberships` })
  const party = await demo(await userOf(cohort.college_id))
  const enrolled = await api(app, party.token, { method: 'POST', url: `/v1/cohorts/${cohort.id}/trainees`, payload: { trainees: [{ name: '李明', studentNo: 'M-2027-001' }] } })
  if (enrolled.statusCode !== 201) throw new Error(`enrol failed: ${enrolled.statusCode} ${enrolled.body}`)
  const owner = await demo(await userOf(cohort.enterprise_id))
  const invited = await api(app, owner.token, { method: 'POST', url: `/v1/organizations/${cohort.enterprise_id}/invitations`, payload: { email: 'matrix.invitee@test.talent-orders.cn', orgRole: 'member' } })
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.statusCode} ${invited.body}`)
  const actors: Record<ActorKey, Session> = {
    owner,
    party,
    peerEnterprise,
    peerCollege,
    outsiderEnterprise: await demo(await outsider('enterprise')),
    outsiderCollege: await demo(await outsider('college')),
    coordinator,
    otherCoordinator: await demo(await coordinatorOf('other')),
    admin: await loginAdmin(app)
  }
  const chain: Chain = {
    code,
    orderId: cohort.order_id,
    bidId,
    matchId: cohort.match_id,
    cohortId: cohort.id,
    traineeId: enrolled.json().items[0].id,
    membershipId: membership.json().id,
    ownerOrgId: cohort.enterprise_id,
    ownerUserId: owner.userId,
    invitationId: invited.json().id
  }
  return { actors, chain }
}

/** Fills a path's parameters from the chain: `{id}` means the resource the path is about. */
function fill (path: string, chain: Chain): string {
  const byPrefix: [string, string][] = [
    ['/v1/bids', chain.bidId],
    ['/v1/matches', chain.matchId],
    ['/v1/cohorts', chain.cohortId],
    ['/v1/memberships', chain.membershipId],
    ['/v1/invitations', chain.invitationId],
    ['/v1/organizations', chain.ownerOrgId],
    ['/v1/reports/organizations', chain.ownerOrgId]
  ]
  const resource = byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1] ?? chain.orderId
  return path.replace('{code}', chain.code).replace('{year}', TARGET_YEAR).replace('{tid}', chain.traineeId)
    .replace('{userId}', chain.ownerUserId).replace('{id}', resource)
}

/** One caller per readable path who must get a 200 there. */
const ALLOWED_READS: Record<string, ActorKey> = {
  'GET /v1/orders/{id}': 'peerCollege',
  'GET /v1/orders/{id}/events': 'owner',
  'GET /v1/orders/{id}/bids': 'coordinator',
  'GET /v1/orders/{id}/questions': 'peerCollege',
  'GET /v1/bids/{id}': 'party',
  'GET /v1/matches/{id}': 'coordinator',
  'GET /v1/cohorts/{id}': 'owner',
  'GET /v1/cohorts/{id}/trainees': 'party',
  'GET /v1/orders/{id}/recommendations': 'owner',
  'GET /v1/reports/alliances/{code}': 'coordinator',
  'GET /v1/alliances/{code}/targets/{year}': 'peerCollege',
  'GET /v1/reports/organizations/{id}': 'owner',
  'GET /v1/organizations/{id}': 'outsiderCollege',
  'GET /v1/alliances/{code}/memberships': 'coordinator',
  'GET /v1/memberships/{id}': 'coordinator',
  'GET /v1/organizations/{id}/members': 'owner',
  'GET /v1/organizations/{id}/invitations': 'owner',
  'GET /v1/invitations/{id}': 'owner'
}

t.test('the role × operation matrix', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true', WRITE_RATE_LIMIT: '0' })
  const { actors, chain } = await buildWorld(app)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi
  const protectedOperations = operationsOf(doc).filter((entry) => needsToken(entry.operation))
  t.ok(protectedOperations.length >= 40, `${protectedOperations.length} protected operations`)
  const forged = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: actors.admin.userId, role: 'admin' })).toString('base64url')}.`

  for (const entry of protectedOperations) {
    const url = fill(entry.path, chain)
    const schema = entry.operation.requestBody?.content['application/json']?.schema as Schema | undefined
    const body = schema ? fc.sample(arbitraryFor(doc, schema), { numRuns: 1, seed: 7 })[0] : undefined
    const request = (token: string | null) => api(app, token, { method: entry.method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }) })

    expectProblem(t, await request(null), 401, 'unauthenticated')
    expectProblem(t, await request(forged), 401, 'unauthenticated')

    const denied = DENIED[entry.name]
    if (!denied) {
      t.fail(`${entry.name} has no row in the matrix: add who may not call it`)
      continue
    }
    for (const who of denied) {
      const res = await request(actors[who].token)
      t.ok(res.statusCode === 403 || res.statusCode === 404, `${entry.name} as ${who}: ${res.statusCode} ${res.statusCode >= 300 ? res.body.slice(0, 160) : ''}`)
    }
  }
  const known = new Set(protectedOperations.map((e) => e.name))
  for (const name of Object.keys(DENIED)) t.ok(known.has(name), `${name} still exists`)

  // Controls: the same paths answer the callers who may read them, so the refusals above are about the caller.
  for (const [name, who] of Object.entries(ALLOWED_READS)) {
    if (!known.has(name)) continue
    const res = await api(app, actors[who].token, { method: 'GET', url: fill(name.slice(4), chain) })
    t.equal(res.statusCode, 200, `${name} as ${who}: ${res.body.slice(0, 160)}`)
  }
  const approved = await api(app, actors.coordinator.token, { method: 'POST', url: fill('/v1/memberships/{id}/approve', chain) })
  t.equal(approved.statusCode, 200, 'the pending membership refused to everyone else is approved by its coordinator')
})

// User routes: the caller's own view (/me) and admin creation of coordinators and admins.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq, inArray } from 'drizzle-orm'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { Me, CreateUserBody, CreatedUser } from '../../../schemas/identity.ts'
import { alliances, coordinatorAlliances, memberships } from '../../../db/schema/index.ts'
import { requireRole } from '../../lib/actor.ts'
import { conflict, ruleViolation, notFound } from '../../lib/problems.ts'
import { findUser, findUserByEmail, insertUser, toUserDto } from '../accounts/index.ts'
import { passwordPolicyProblem } from '../auth/index.ts'
import { findOrganization, toOrganizationDto, activeAllianceCodes } from '../organizations/index.ts'

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const coordinatorAllianceRefs = async (userId: string) => await app.data.orm.select({ code: alliances.code, name: alliances.name, nameZh: alliances.nameZh })
    .from(coordinatorAlliances).innerJoin(alliances, eq(alliances.id, coordinatorAlliances.allianceId))
    .where(eq(coordinatorAlliances.userId, userId)).orderBy(alliances.code).all()

  app.get('/me', {
    schema: { tags: ['users'], operationId: 'getMe', summary: 'The caller, its organization, memberships and (coordinators) alliances', security: bearer, response: { 200: Me, ...authedProblems() } }
  }, async (request) => {
    const user = await findUser(app.data, request.actor.userId)
    if (!user) throw notFound('user')
    const org = user.organizationId ? await findOrganization(app.data, user.organizationId) : undefined
    const membershipRows = user.organizationId
      ? await app.data.orm.select({ id: memberships.id, allianceCode: alliances.code, status: memberships.status, reason: memberships.reason })
        .from(memberships).innerJoin(alliances, eq(alliances.id, memberships.allianceId))
        .where(eq(memberships.organizationId, user.organizationId)).orderBy(alliances.code).all()
      : []
    return {
      user: toUserDto(user),
      organization: org ? toOrganizationDto(org, await activeAllianceCodes(app.data, org.id)) : null,
      memberships: membershipRows,
      alliances: user.role === 'coordinator' ? await coordinatorAllianceRefs(user.id) : []
    }
  })

  app.get('/users/:id', {
    schema: { tags: ['users'], operationId: 'getUser', summary: 'One user with the alliances a coordinator serves (admin only)', security: bearer, params: IdParams, response: { 200: CreatedUser, ...authedProblems(403, 404) } }
  }, async (request) => {
    requireRole(request.actor, 'admin')
    const user = await findUser(app.data, request.params.id)
    if (!user) throw notFound('user')
    return { user: toUserDto(user), alliances: await coordinatorAllianceRefs(user.id) }
  })

  app.post('/users', {
    config: { idempotent: true, location: '/v1/users/{user.id}' },
    schema: { tags: ['users'], operationId: 'createUser', summary: 'Create a coordinator (with alliances) or an admin (admin only)', security: bearer, body: CreateUserBody, response: { 201: CreatedUser, ...authedProblems(403, 409, 422, { 409: ['email_taken'] }) } }
  }, async (request, reply) => {
    requireRole(request.actor, 'admin')
    const { email, password, name, role } = request.body
    const codes = request.body.alliances ?? []
    if (role === 'coordinator' && codes.length === 0) throw ruleViolation('a coordinator needs at least one alliance', 'rule_violation', [{ path: '/alliances', message: 'required for coordinators' }])
    if (role === 'admin' && codes.length > 0) throw ruleViolation('admins are not scoped to alliances', 'rule_violation', [{ path: '/alliances', message: 'only for coordinators' }])
    const policy = passwordPolicyProblem(password, [email, name])
    if (policy) throw policy
    const found = codes.length > 0 ? await app.data.orm.select().from(alliances).where(inArray(alliances.code, codes)).all() : []
    const missing = codes.filter((code) => !found.some((a) => a.code === code))
    if (missing.length > 0) throw ruleViolation(`unknown alliances: ${missing.join(', ')}`, 'rule_violation', [{ path: '/alliances', message: 'unknown alliance code' }])
    if (await findUserByEmail(app.data, email)) throw conflict('an account with this email already exists', 'email_taken')
    const passwordHash = await app.passwords.hash('user_create', password)
    const at = app.clock()
    const user = await app.data.write(async (tx) => {
      if (await findUserByEmail(tx, email)) throw conflict('an account with this email already exists', 'email_taken')
      const created = await insertUser(tx, { email, name, role, organizationId: null, passwordHash }, at)
      for (const alliance of found) await tx.orm.insert(coordinatorAlliances).values({ userId: created.id, allianceId: alliance.id }).run()
      return created
    })
    reply.code(201)
    return { user: toUserDto(user), alliances: await coordinatorAllianceRefs(user.id) }
  })
}

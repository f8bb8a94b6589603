// Member routes: an organization's people with their roles and status, and the owner's and managers' changes to them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { eq } from 'drizzle-orm'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { MemberList, MemberParams, MemberPatch } from '../../../schemas/team.ts'
import { users } from '../../../db/schema/index.ts'
import type { Executor } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { findOrganization, type OrganizationRow } from '../organizations/index.ts'
import { revokeOtherSessions } from '../accounts/index.ts'
import { countActiveOwners, findMember, listMembers, lockOrganization, toMemberDto } from './members-repository.ts'
import { endsOwnership, refusalOf } from './rules.ts'

/** The organization, when it exists (404) and the caller is one of its people (403: profiles are public). */
export async function organizationOfCaller (ex: Executor, actor: Actor, organizationId: string, what: string): Promise<OrganizationRow> {
  const org = await findOrganization(ex, organizationId)
  if (!org) throw notFound('organization')
  if (actor.organizationId !== org.id) throw forbidden(`only the organization's own people ${what}`)
  return org
}

export const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/organizations/:id/members', {
    schema: {
      tags: ['team'],
      operationId: 'listMembers',
      summary: "The organization's people with their roles, status and last login (its own people)",
      security: bearer,
      params: IdParams,
      response: { 200: MemberList, ...authedProblems(403, 404) }
    }
  }, async (request) => {
    const org = await organizationOfCaller(app.data, request.actor, request.params.id, 'see its members')
    return { items: (await listMembers(app.data, org.id)).map(toMemberDto) }
  })

  app.patch('/organizations/:id/members/:userId', {
    schema: {
      tags: ['team'],
      operationId: 'updateMember',
      summary: "Change a member's role (owners) or status (owners; managers for members); deactivating ends their sessions",
      security: bearer,
      params: MemberParams,
      body: MemberPatch,
      response: { 200: Type.Ref('Member'), ...authedProblems(403, 404, 409, { 409: ['last_owner'] }) }
    }
  }, async (request) => {
    const { id, userId } = request.params
    const change = request.body
    const at = app.clock()
    const org = await organizationOfCaller(app.data, request.actor, id, 'change its members')
    const updated = await app.data.write(async (tx) => {
      await lockOrganization(tx, org.id)
      const caller = await findMember(tx, org.id, request.actor.userId)
      const target = await findMember(tx, org.id, userId)
      if (!caller) throw forbidden("only the organization's own people change its members")
      if (!target) throw notFound('member')
      const refusal = refusalOf(caller.orgRole, target, change)
      if (refusal !== null) throw forbidden(refusal)
      if (endsOwnership(target, change) && await countActiveOwners(tx, org.id) <= 1) {
        throw conflict('the organization needs an active owner: make another member owner first', 'last_owner')
      }
      const next = { orgRole: change.orgRole ?? target.orgRole, status: change.status ?? target.status }
      await tx.orm.update(users).set(next).where(eq(users.id, target.id)).run()
      // A deactivated user's tokens stop working at once: their sessions end in the same transaction.
      if (next.status === 'deactivated' && target.status === 'active') await revokeOtherSessions(tx, target.id, null, at, 'deactivated')
      return { ...target, ...next }
    })
    return toMemberDto(updated)
  })
}

// Organization routes: public profiles for signed-in users, edits by the organization's own members.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { eq } from 'drizzle-orm'
import { authedProblems, bearer, IdParams, OrganizationKind, PageOf, PageQuery } from '../../../schemas/common.ts'
import { OrganizationPatch } from '../../../schemas/identity.ts'
import { AllianceCode } from '../../../schemas/alliances.ts'
import { organizations } from '../../../db/schema/index.ts'
import { forbidden, notFound, ruleViolation } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { findAllianceByCode } from '../alliances/index.ts'
import { syncCollegeSkills } from '../skills/index.ts'
import { findOrganization, listOrganizations, toOrganizationDto, activeAllianceCodes, activeAllianceCodesOf } from './repository.ts'
import { fieldsOfOtherKind } from './rules.ts'
import { trackRecordOf } from './track-record.ts'

const ListQuery = Type.Object({
  kind: Type.Optional(OrganizationKind),
  alliance: Type.Optional(AllianceCode),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  ...PageQuery
}, { additionalProperties: false })

export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/organizations', {
    schema: { tags: ['organizations'], operationId: 'listOrganizations', summary: 'Public organization profiles', security: bearer, querystring: ListQuery, response: { 200: PageOf(Type.Ref('Organization')), ...authedProblems() } }
  }, async (request) => {
    const { kind, alliance, q, limit, cursor } = request.query
    let allianceId: string | undefined
    if (alliance !== undefined) {
      const found = await findAllianceByCode(app.data, alliance)
      if (!found) return { items: [], nextCursor: null }
      allianceId = found.id
    }
    const rows = await listOrganizations(app.data, { kind, allianceId, q: q?.trim() || undefined, beforeId: decodeCursor(cursor), limit })
    const page = toPage(rows, limit, (r) => r.id)
    const codes = await activeAllianceCodesOf(app.data, page.items.map((r) => r.id))
    return { items: page.items.map((r) => toOrganizationDto(r, codes.get(r.id) ?? [])), nextCursor: page.nextCursor }
  })

  app.get('/organizations/:id', {
    schema: { tags: ['organizations'], operationId: 'getOrganization', summary: 'One public organization profile, with its track record', security: bearer, params: IdParams, response: { 200: Type.Ref('Organization'), ...authedProblems(404) } }
  }, async (request) => {
    const row = await findOrganization(app.data, request.params.id)
    if (!row) throw notFound('organization')
    return { ...toOrganizationDto(row, await activeAllianceCodes(app.data, row.id)), trackRecord: await trackRecordOf(app.data, row) }
  })

  app.patch('/organizations/:id', {
    schema: { tags: ['organizations'], operationId: 'updateOrganization', summary: "Edit the caller's own organization profile", security: bearer, params: IdParams, body: OrganizationPatch, response: { 200: Type.Ref('Organization'), ...authedProblems(403, 404, 422, { 422: ['field_not_for_kind'] }) } }
  }, async (request) => {
    const row = await findOrganization(app.data, request.params.id)
    if (!row) throw notFound('organization')
    if (request.actor.organizationId !== row.id) throw forbidden('only members of this organization edit its profile')
    const patch = request.body
    const foreign = fieldsOfOtherKind(row.kind, patch)
    // Which fields a profile has depends on its stored kind, which the body cannot show: a business rule (422), not a shape error.
    if (foreign.length > 0) throw ruleViolation(`a ${row.kind} profile has no ${foreign.map((e) => e.path.slice(1)).join(' or ')}`, 'field_not_for_kind', foreign)
    const changes: Partial<typeof organizations.$inferInsert> = { updatedAt: app.clock().toISOString() }
    if (patch.name !== undefined) changes.name = patch.name.trim()
    if (patch.city !== undefined) changes.city = patch.city
    if (patch.description !== undefined) changes.description = patch.description
    if (patch.specialties !== undefined) changes.specialties = patch.specialties
    if (patch.annualCapacity !== undefined) changes.annualCapacity = patch.annualCapacity
    if (patch.industry !== undefined) changes.industry = patch.industry
    const updated = await app.data.write(async (tx) => {
      await tx.orm.update(organizations).set(changes).where(eq(organizations.id, row.id)).run()
      if (patch.specialties !== undefined) await syncCollegeSkills(tx, row.id, patch.specialties)
      return (await findOrganization(tx, row.id))!
    })
    return { ...toOrganizationDto(updated, await activeAllianceCodes(app.data, row.id)), trackRecord: await trackRecordOf(app.data, updated) }
  })
}

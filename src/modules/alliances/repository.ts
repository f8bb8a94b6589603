// Alliance and membership queries, with member counts and organization summaries.
import { and, eq, gt, desc, lt, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { alliances, memberships, organizations } from '../../../db/schema/index.ts'
import { newId } from '../../lib/ids.ts'

export type MembershipRow = typeof memberships.$inferSelect

const memberCount = (kind?: 'enterprise' | 'college') => sql<number>`(
  select count(*) from ${memberships} m join ${organizations} o on o.id = m.organization_id
  where m.alliance_id = "alliances"."id" and m.status = 'active' ${kind ? sql`and o.kind = ${kind}` : sql``})`

const allianceColumns = () => ({
  code: alliances.code,
  name: alliances.name,
  nameZh: alliances.nameZh,
  description: alliances.description,
  createdAt: alliances.createdAt,
  memberCount: memberCount(),
  enterpriseCount: memberCount('enterprise'),
  collegeCount: memberCount('college')
})

export async function listAlliances (ex: Executor, afterCode: string | undefined, limit: number) {
  return await ex.orm.select(allianceColumns()).from(alliances).where(afterCode ? gt(alliances.code, afterCode) : undefined)
    .orderBy(alliances.code).limit(limit + 1).all()
}

export const findAllianceView = async (ex: Executor, code: string) =>
  await ex.orm.select(allianceColumns()).from(alliances).where(eq(alliances.code, code)).get()

export async function insertAlliance (tx: Executor, input: { code: string, name: string, nameZh: string, description?: string | undefined }, at: Date) {
  const row = { id: newId(at.getTime()), code: input.code, name: input.name, nameZh: input.nameZh, description: input.description ?? '', createdAt: at.toISOString() }
  await tx.orm.insert(alliances).values(row).run()
  return row
}

const membershipColumns = {
  id: memberships.id,
  allianceId: memberships.allianceId,
  allianceCode: alliances.code,
  organizationId: organizations.id,
  organizationName: organizations.name,
  organizationKind: organizations.kind,
  status: memberships.status,
  reason: memberships.reason,
  decidedAt: memberships.decidedAt,
  createdAt: memberships.createdAt
}

export type MembershipView = {
  id: string, allianceId: string, allianceCode: string, organizationId: string, organizationName: string,
  organizationKind: 'enterprise' | 'college', status: 'pending' | 'active' | 'rejected', reason: string | null,
  decidedAt: string | null, createdAt: string
}

const membershipQuery = (ex: Executor) => ex.orm.select(membershipColumns).from(memberships)
  .innerJoin(alliances, eq(alliances.id, memberships.allianceId))
  .innerJoin(organizations, eq(organizations.id, memberships.organizationId))

export const findMembershipView = async (ex: Executor, id: string): Promise<MembershipView | undefined> =>
  await membershipQuery(ex).where(eq(memberships.id, id)).get()

export const findMembershipFor = async (ex: Executor, organizationId: string, allianceId: string): Promise<MembershipRow | undefined> =>
  await ex.orm.select().from(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.allianceId, allianceId))).get()

export async function listMemberships (ex: Executor, allianceId: string, status: string | undefined, beforeId: string | undefined, limit: number): Promise<MembershipView[]> {
  const conditions = [eq(memberships.allianceId, allianceId)]
  if (status) conditions.push(eq(memberships.status, status as MembershipRow['status']))
  if (beforeId) conditions.push(lt(memberships.id, beforeId))
  return await membershipQuery(ex).where(and(...conditions)).orderBy(desc(memberships.id)).limit(limit + 1).all()
}

export const toMembershipDto = (m: MembershipView) => ({
  id: m.id,
  allianceCode: m.allianceCode,
  organization: { id: m.organizationId, name: m.organizationName, kind: m.organizationKind },
  status: m.status,
  reason: m.reason,
  decidedAt: m.decidedAt,
  createdAt: m.createdAt
})

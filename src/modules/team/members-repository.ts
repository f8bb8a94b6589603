// Queries on an organization's people: the member list, one member, the active-owner count, and locking the organization.
import { and, asc, count, eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { users } from '../../../db/schema/index.ts'
import type { MemberDto } from '../../../schemas/team.ts'
import type { UserRow } from '../accounts/index.ts'

export type MemberRow = UserRow & { orgRole: NonNullable<UserRow['orgRole']> }

export const toMemberDto = (row: MemberRow): MemberDto => ({
  id: row.id,
  email: row.email,
  name: row.name,
  orgRole: row.orgRole,
  status: row.status,
  lastLoginAt: row.lastLoginAt,
  createdAt: row.createdAt
})

const isMember = (row: UserRow | undefined, organizationId: string): row is MemberRow =>
  row !== undefined && row.organizationId === organizationId && row.orgRole !== null

/** The organization's users, oldest first. */
export async function listMembers (ex: Executor, organizationId: string): Promise<MemberRow[]> {
  const rows = await ex.orm.select().from(users).where(eq(users.organizationId, organizationId)).orderBy(asc(users.createdAt), asc(users.id)).all()
  return rows.filter((row): row is MemberRow => isMember(row, organizationId))
}

/** A user of the organization, or undefined when the user is not one (another organization's, or none). */
export async function findMember (ex: Executor, organizationId: string, userId: string): Promise<MemberRow | undefined> {
  const row = await ex.orm.select().from(users).where(eq(users.id, userId)).get()
  return isMember(row, organizationId) ? row : undefined
}

export async function countActiveOwners (ex: Executor, organizationId: string): Promise<number> {
  const row = await ex.orm.select({ n: count() }).from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.orgRole, 'owner'), eq(users.status, 'active'))).get()
  return row?.n ?? 0
}

/**
 * Serializes changes to an organization's people: on PostgreSQL the organization row is locked until the
 * transaction ends, so two owners demoting each other cannot both see another owner left; SQLite writes run one at a time.
 */
export async function lockOrganization (tx: Executor, organizationId: string): Promise<void> {
  if (tx.engine === 'postgres') await tx.get('select id from organizations where id = @organizationId for update', { organizationId })
}

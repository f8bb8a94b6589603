// Invitation rows: the public shape (with the effective `expired` status), look-ups and the one-time token they carry.
import { and, desc, eq, gt, lt, lte, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { invitations } from '../../../db/schema/index.ts'
import type { InvitationDto } from '../../../schemas/team.ts'
import { hashOpaqueToken, newOpaqueToken } from '../../lib/tokens.ts'

export type InvitationRow = typeof invitations.$inferSelect

/** An invitation holds for 7 days from when it was sent (a resend starts them again). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export const invitationExpiry = (at: Date) => new Date(at.getTime() + INVITATION_TTL_MS).toISOString()

/** A pending invitation past its expiry reads as expired; accepted and revoked ones keep their status. */
export const effectiveStatus = (row: InvitationRow, now: Date): InvitationDto['status'] =>
  row.status === 'pending' && row.expiresAt <= now.toISOString() ? 'expired' : row.status

export const toInvitationDto = (row: InvitationRow, now: Date): InvitationDto => ({
  id: row.id,
  organizationId: row.organizationId,
  email: row.email,
  name: row.name,
  orgRole: row.orgRole,
  status: effectiveStatus(row, now),
  createdAt: row.createdAt,
  expiresAt: row.expiresAt
})

/** A fresh token and the hash the row keeps of it. */
export function issueInvitationToken (): { token: string, tokenHash: string } {
  const token = newOpaqueToken('inv')
  return { token, tokenHash: hashOpaqueToken(token) }
}

export const findInvitation = async (ex: Executor, id: string): Promise<InvitationRow | undefined> =>
  await ex.orm.select().from(invitations).where(eq(invitations.id, id)).get()

export const findInvitationByToken = async (ex: Executor, token: string): Promise<InvitationRow | undefined> =>
  await ex.orm.select().from(invitations).where(eq(invitations.tokenHash, hashOpaqueToken(token))).get()

/** The organization's pending, unexpired invitation for an email, if any. */
export const findPendingInvitation = async (ex: Executor, organizationId: string, emailNormalized: string, now: Date): Promise<InvitationRow | undefined> =>
  await ex.orm.select().from(invitations).where(and(
    eq(invitations.organizationId, organizationId),
    eq(invitations.emailNormalized, emailNormalized),
    eq(invitations.status, 'pending'),
    gt(invitations.expiresAt, now.toISOString())
  )).get()

/** One page of an organization's invitations, newest first, optionally of one effective status. */
export async function listInvitations (ex: Executor, query: { organizationId: string, status?: InvitationDto['status'], beforeId?: string, limit: number }, now: Date): Promise<InvitationRow[]> {
  const at = now.toISOString()
  const conditions: SQL[] = [eq(invitations.organizationId, query.organizationId)]
  if (query.status === 'expired') conditions.push(eq(invitations.status, 'pending'), lte(invitations.expiresAt, at))
  else if (query.status === 'pending') conditions.push(eq(invitations.status, 'pending'), gt(invitations.expiresAt, at))
  else if (query.status !== undefined) conditions.push(eq(invitations.status, query.status))
  if (query.beforeId !== undefined) conditions.push(lt(invitations.id, query.beforeId))
  return await ex.orm.select().from(invitations).where(and(...conditions)).orderBy(desc(invitations.id)).limit(query.limit + 1).all()
}

/** Locks the invitation row until the transaction ends (PostgreSQL; SQLite writes run one at a time). */
export async function lockInvitation (tx: Executor, id: string): Promise<void> {
  if (tx.engine === 'postgres') await tx.get('select id from invitations where id = @id for update', { id })
}

// Accepting an invitation: the invitee registers a user of the inviting organization with the invited role.
import { eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { invitations } from '../../../db/schema/index.ts'
import { conflict, ruleViolation } from '../../lib/problems.ts'
import { findOrganization, type OrganizationRow } from '../organizations/index.ts'
import { findUserByEmail, insertUser, normalizeEmail, type UserRow } from '../accounts/index.ts'
import { findInvitationByToken, lockInvitation, type InvitationRow } from './invitations-repository.ts'

const invalid = () => ruleViolation('the invitation is unknown, expired, revoked, already used, or for another email', 'invitation_invalid',
  [{ path: '/invitationToken', message: 'not a pending invitation for this email' }])

/** The pending, unexpired invitation the token belongs to, for this email; 422 `invitation_invalid` otherwise. */
export async function usableInvitation (ex: Executor, token: string, email: string, now: Date): Promise<InvitationRow> {
  const row = await findInvitationByToken(ex, token)
  if (!row || row.status !== 'pending' || row.expiresAt <= now.toISOString() || row.emailNormalized !== normalizeEmail(email)) throw invalid()
  return row
}

export type Joined = { user: UserRow, organization: OrganizationRow }

/**
 * In the caller's transaction: checks the invitation again under its lock (a revocation or a second acceptance
 * racing this one waits, then sees it used), creates the user and marks the invitation accepted.
 */
export async function acceptInvitation (tx: Executor, input: { token: string, email: string, name: string, passwordHash: string }, at: Date): Promise<Joined> {
  const found = await usableInvitation(tx, input.token, input.email, at)
  await lockInvitation(tx, found.id)
  const invitation = await usableInvitation(tx, input.token, input.email, at)
  if (await findUserByEmail(tx, input.email)) throw conflict('an account with this email already exists', 'email_taken')
  const organization = await findOrganization(tx, invitation.organizationId)
  if (!organization) throw invalid()
  const user = await insertUser(tx, {
    email: input.email,
    name: input.name,
    role: organization.kind,
    organizationId: organization.id,
    orgRole: invitation.orgRole,
    passwordHash: input.passwordHash
  }, at)
  await tx.orm.update(invitations)
    .set({ status: 'accepted', acceptedUserId: user.id, updatedAt: at.toISOString() })
    .where(eq(invitations.id, invitation.id)).run()
  return { user, organization }
}

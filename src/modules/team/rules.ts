// Pure rules for who may change whom inside an organization (DESIGN "Organizations with several people").
import type { OrgRole, UserStatus } from '../../../db/schema/index.ts'

export type MemberChange = { orgRole?: OrgRole, status?: UserStatus }

/**
 * Why the caller may not make the change, or null when it may: owners change anyone's role and status;
 * managers only deactivate and reactivate members; members change nothing.
 */
export function refusalOf (callerRole: OrgRole, target: { orgRole: OrgRole }, change: MemberChange): string | null {
  if (callerRole === 'owner') return null
  if (callerRole === 'member') return 'members do not change other people of the organization; ask an owner or a manager'
  if (change.orgRole !== undefined && change.orgRole !== target.orgRole) return 'only owners change roles'
  if (target.orgRole !== 'member') return 'managers deactivate and reactivate members only; ask an owner'
  return null
}

/** Whether the change leaves the user an active owner no longer. */
export const endsOwnership = (target: { orgRole: OrgRole, status: UserStatus }, change: MemberChange) =>
  target.orgRole === 'owner' && target.status === 'active' &&
  ((change.orgRole !== undefined && change.orgRole !== 'owner') || change.status === 'deactivated')

/** Whether the caller may invite, list, resend and revoke invitations. */
export const managesInvitations = (callerRole: OrgRole) => callerRole === 'owner' || callerRole === 'manager'

// Pure rules for memberships: who may learn of a membership, who decides it, and when it can still be decided.
export type MembershipStatus = 'pending' | 'active' | 'rejected'

/** What the caller is to a membership, computed by the caller of these rules. */
export type MembershipViewer = {
  isAdmin: boolean
  /** A coordinator of the membership's alliance. */
  coordinatesAlliance: boolean
  /** Staff of the organization that asked. */
  isMemberOrganization: boolean
}

/** Admins, the alliance's coordinators and the asking organization know a membership; for anyone else it does not exist. */
export const canSeeMembership = (viewer: MembershipViewer) =>
  viewer.isAdmin || viewer.coordinatesAlliance || viewer.isMemberOrganization

/** Only a coordinator of the alliance decides (admins and the organization itself only see it). */
export const canDecideMembership = (viewer: MembershipViewer) => viewer.coordinatesAlliance

/** A decision needs a pending membership; a rejected one is re-opened by a new request, an active one never. */
export const isDecidable = (status: MembershipStatus) => status === 'pending'

/** Whether the organization may ask (again): first request, or after a rejection. */
export const canRequestMembership = (existing: MembershipStatus | undefined) => existing === undefined || existing === 'rejected'

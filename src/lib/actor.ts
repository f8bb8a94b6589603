// The authenticated caller and the role checks that routes use (they throw, never reply).
import { forbidden } from './problems.ts'

export type Role = 'enterprise' | 'college' | 'coordinator' | 'admin'

export type Actor = {
  userId: string
  sessionId: string
  role: Role
  organizationId: string | null
  organizationKind: 'enterprise' | 'college' | null
}

export type OrgActor = Actor & { organizationId: string, organizationKind: 'enterprise' | 'college' }

export const isAdmin = (actor: Actor) => actor.role === 'admin'

/** Throws 403 unless the caller has one of the roles. */
export function requireRole (actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden(`requires role ${roles.join(' or ')}`)
}

/** Throws 403 unless the caller acts for an organization (enterprise or college staff). */
export function requireOrganization (actor: Actor, kind?: 'enterprise' | 'college'): asserts actor is OrgActor {
  if (actor.organizationId === null || actor.organizationKind === null) throw forbidden('requires an organization account')
  if (kind !== undefined && actor.organizationKind !== kind) throw forbidden(`requires an ${kind === 'enterprise' ? 'enterprise' : 'college'} account`)
}

// Pure rules for organization profiles: which fields each kind has (and `kind` never changes).
import type { ProblemFieldError } from '../../lib/problems.ts'

export type OrganizationKind = 'enterprise' | 'college'
type KindSpecificFields = { specialties?: unknown, annualCapacity?: unknown, industry?: unknown }

const onlyFor: Record<OrganizationKind, (keyof KindSpecificFields)[]> = {
  college: ['specialties', 'annualCapacity'],
  enterprise: ['industry']
}

/** Field errors for the fields that belong to the other kind, e.g. `/specialties` on an enterprise. */
export function fieldsOfOtherKind (kind: OrganizationKind, fields: KindSpecificFields, basePath = ''): ProblemFieldError[] {
  const other: OrganizationKind = kind === 'college' ? 'enterprise' : 'college'
  return onlyFor[other]
    .filter((name) => fields[name] !== undefined)
    .map((name) => ({ path: `${basePath}/${name}`, message: `${other}-only field; ${kind}s do not have it` }))
}

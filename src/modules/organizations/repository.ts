// Organization queries and the public profile shape.
import { and, eq, desc, lt, inArray, or, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Executor } from '../../../db/executor.ts'
import { organizations, memberships, alliances } from '../../../db/schema/index.ts'
import type { OrganizationDto, OrganizationInputDto } from '../../../schemas/identity.ts'
import { newId } from '../../lib/ids.ts'
import { syncCollegeSkills } from '../skills/index.ts'

export type OrganizationRow = typeof organizations.$inferSelect

export function toOrganizationDto (row: OrganizationRow, allianceCodes?: string[]): OrganizationDto {
  const dto: OrganizationDto = {
    id: row.id,
    kind: row.kind,
    name: row.name,
    city: row.city,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
  if (row.kind === 'college') {
    dto.specialties = row.specialties ?? []
    dto.annualCapacity = row.annualCapacity
  } else {
    dto.industry = row.industry
  }
  if (allianceCodes) dto.alliances = allianceCodes
  return dto
}

export async function insertOrganization (tx: Executor, input: OrganizationInputDto, at: Date): Promise<OrganizationRow> {
  const now = at.toISOString()
  const row: OrganizationRow = {
    id: newId(at.getTime()),
    kind: input.kind,
    name: input.name.trim(),
    city: input.city ?? null,
    description: input.description ?? null,
    specialties: input.kind === 'college' ? (input.specialties ?? []) : null,
    annualCapacity: input.kind === 'college' ? (input.annualCapacity ?? null) : null,
    industry: input.kind === 'enterprise' ? (input.industry ?? null) : null,
    createdAt: now,
    updatedAt: now
  }
  await tx.orm.insert(organizations).values(row).run()
  if (row.kind === 'college') await syncCollegeSkills(tx, row.id, row.specialties)
  return row
}

export const findOrganization = async (ex: Executor, id: string): Promise<OrganizationRow | undefined> =>
  await ex.orm.select().from(organizations).where(eq(organizations.id, id)).get()

/** Codes of the alliances where the organization is an active member. */
export async function activeAllianceCodes (ex: Executor, organizationId: string): Promise<string[]> {
  const rows = await ex.orm.select({ code: alliances.code }).from(memberships)
    .innerJoin(alliances, eq(alliances.id, memberships.allianceId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, 'active')))
    .orderBy(alliances.code).all()
  return rows.map((r) => r.code)
}

/** Active alliance codes of many organizations in one query (a page of profiles). */
export async function activeAllianceCodesOf (ex: Executor, organizationIds: string[]): Promise<Map<string, string[]>> {
  const codes = new Map<string, string[]>(organizationIds.map((id) => [id, []]))
  if (organizationIds.length === 0) return codes
  const rows = await ex.orm.select({ organizationId: memberships.organizationId, code: alliances.code }).from(memberships)
    .innerJoin(alliances, eq(alliances.id, memberships.allianceId))
    .where(and(inArray(memberships.organizationId, organizationIds), eq(memberships.status, 'active')))
    .orderBy(alliances.code).all()
  for (const row of rows) codes.get(row.organizationId)?.push(row.code)
  return codes
}

export type OrganizationFilter = { kind?: 'enterprise' | 'college' | undefined, allianceId?: string | undefined, q?: string | undefined, beforeId?: string | undefined, limit: number }

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

export async function listOrganizations (ex: Executor, filter: OrganizationFilter): Promise<OrganizationRow[]> {
  const conditions = []
  if (filter.kind) conditions.push(eq(organizations.kind, filter.kind))
  if (filter.beforeId) conditions.push(lt(organizations.id, filter.beforeId))
  if (filter.q) {
    // Free text over the public profile: name, city, industry and specialties (the JSON text), ignoring case
    // (SQLite's like: ASCII letters only; PostgreSQL's ilike: all letters; specialties is jsonb there).
    const pattern = `%${escapeLike(filter.q)}%`
    const matches = (column: SQLiteColumn) => ex.engine === 'sqlite'
      ? sql`${column} like ${pattern} escape '\\'`
      : sql`cast(${column} as text) ilike ${pattern} escape '\\'`
    conditions.push(or(...[organizations.name, organizations.city, organizations.industry, organizations.specialties].map(matches)))
  }
  if (filter.allianceId) {
    conditions.push(inArray(organizations.id, ex.orm.select({ id: memberships.organizationId }).from(memberships)
      .where(and(eq(memberships.allianceId, filter.allianceId), eq(memberships.status, 'active')))))
  }
  return await ex.orm.select().from(organizations).where(and(...conditions)).orderBy(desc(organizations.id)).limit(filter.limit + 1).all()
}

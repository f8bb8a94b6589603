// User queries and the public user shape; emails are unique regardless of case.
import { eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { users, type OrgRole } from '../../../db/schema/index.ts'
import type { UserDto } from '../../../schemas/identity.ts'
import { newId } from '../../lib/ids.ts'
import type { Role } from '../../lib/actor.ts'

export type UserRow = typeof users.$inferSelect

export const normalizeEmail = (email: string) => email.normalize('NFKC').trim().toLowerCase()

export const toUserDto = (row: UserRow): UserDto => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  organizationId: row.organizationId,
  orgRole: row.orgRole,
  createdAt: row.createdAt
})

export const findUserByEmail = async (ex: Executor, email: string): Promise<UserRow | undefined> =>
  await ex.orm.select().from(users).where(eq(users.emailNormalized, normalizeEmail(email))).get()

export const findUser = async (ex: Executor, id: string): Promise<UserRow | undefined> =>
  await ex.orm.select().from(users).where(eq(users.id, id)).get()

export type NewUser = {
  email: string
  name: string
  role: Role
  organizationId: string | null
  /** Enterprise and college users: owner when registering the organization, else the invited role. */
  orgRole?: OrgRole | null
  passwordHash: string
}

export async function insertUser (tx: Executor, input: NewUser, at: Date): Promise<UserRow> {
  const row: UserRow = {
    id: newId(at.getTime()),
    email: input.email.trim(),
    emailNormalized: normalizeEmail(input.email),
    passwordHash: input.passwordHash,
    name: input.name.trim(),
    role: input.role,
    organizationId: input.organizationId,
    orgRole: input.organizationId === null ? null : input.orgRole ?? 'owner',
    status: 'active',
    lastLoginAt: null,
    createdAt: at.toISOString(),
    passwordChangedAt: null
  }
  await tx.orm.insert(users).values(row).run()
  return row
}

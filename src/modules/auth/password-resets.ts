// Password reset tokens: issued by mail for 30 minutes, used once; issuing one retires the user's earlier ones.
import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { passwordResets } from '../../../db/schema/index.ts'
import { hashOpaqueToken, newOpaqueToken } from '../../lib/tokens.ts'

export const RESET_TTL_MS = 30 * 60 * 1000

/** Stores a new reset token for the user (retiring any unused earlier one) and returns it with its expiry. */
export async function issueResetToken (tx: Executor, userId: string, at: Date): Promise<{ token: string, expiresAt: string }> {
  const now = at.toISOString()
  await tx.orm.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt))).run()
  const token = newOpaqueToken('rst')
  const expiresAt = new Date(at.getTime() + RESET_TTL_MS).toISOString()
  await tx.orm.insert(passwordResets).values({ tokenHash: hashOpaqueToken(token), userId, createdAt: now, expiresAt, usedAt: null }).run()
  return { token, expiresAt }
}

const LIVE = `select u.id, u.email, u.name from password_resets r join users u on u.id = r.user_id
  where r.token_hash = @hash and r.used_at is null and r.expires_at > @now and u.status = 'active'`

/** The user a live token belongs to (unused, unexpired, its user active), if any: one read. */
export async function userOfResetToken (ex: Executor, token: string, at: Date): Promise<{ id: string, email: string, name: string } | undefined> {
  return await ex.get<{ id: string, email: string, name: string }>(LIVE, { hash: hashOpaqueToken(token), now: at.toISOString() })
}

// One statement marks the token used: of two confirmations racing with one token, only one gets the row.
const USE = `update password_resets set used_at = @now
  where token_hash = @hash and used_at is null and expires_at > @now returning user_id as "userId"`

/** Uses the token once; undefined when it was used meanwhile (or expired). */
export async function useResetToken (tx: Executor, token: string, at: Date): Promise<string | undefined> {
  const row = await tx.get<{ userId: string }>(USE, { hash: hashOpaqueToken(token), now: at.toISOString() })
  return row?.userId
}

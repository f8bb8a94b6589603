// Sessions and refresh tokens: opaque, stored as SHA-256 hashes, rotated on use; reuse revokes the family.
import { and, eq, isNull, ne } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { sessions, refreshTokens, users } from '../../../db/schema/index.ts'
import { newId } from '../../lib/ids.ts'
import { unauthenticated } from '../../lib/problems.ts'
import { hashOpaqueToken, newOpaqueToken } from '../../lib/tokens.ts'

export type TokenLifetimes = { refreshTtlSeconds: number, sessionMaxAgeSeconds: number }

const hashToken = hashOpaqueToken
const newRefreshToken = () => newOpaqueToken('rt')
const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString()

async function issueRefreshToken (tx: Executor, sessionId: string, sessionExpiresAt: string, at: Date, lifetimes: TokenLifetimes): Promise<string> {
  const token = newRefreshToken()
  const expiresAt = plusSeconds(at, lifetimes.refreshTtlSeconds)
  await tx.orm.insert(refreshTokens).values({
    tokenHash: hashToken(token),
    sessionId,
    createdAt: at.toISOString(),
    expiresAt: expiresAt < sessionExpiresAt ? expiresAt : sessionExpiresAt,
    usedAt: null
  }).run()
  return token
}

/** Starts a session (a refresh-token family) for a user: a login, so it is the user's last login too. */
export async function startSession (tx: Executor, userId: string, at: Date, lifetimes: TokenLifetimes): Promise<{ sessionId: string, refreshToken: string }> {
  const sessionId = newId(at.getTime())
  const expiresAt = plusSeconds(at, lifetimes.sessionMaxAgeSeconds)
  await tx.orm.insert(sessions).values({ id: sessionId, userId, createdAt: at.toISOString(), expiresAt, revokedAt: null, revokedReason: null }).run()
  await tx.orm.update(users).set({ lastLoginAt: at.toISOString() }).where(eq(users.id, userId)).run()
  return { sessionId, refreshToken: await issueRefreshToken(tx, sessionId, expiresAt, at, lifetimes) }
}

export async function revokeSession (tx: Executor, sessionId: string, at: Date, reason: string): Promise<void> {
  await tx.orm.update(sessions).set({ revokedAt: at.toISOString(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))).run()
}

/** Ends every session of a user except the one given, if any (a password change or reset, a deactivation). */
export async function revokeOtherSessions (tx: Executor, userId: string, keepSessionId: string | null, at: Date, reason = 'password_changed'): Promise<void> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)]
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId))
  await tx.orm.update(sessions).set({ revokedAt: at.toISOString(), revokedReason: reason }).where(and(...conditions)).run()
}

type RotationOutcome =
  | { ok: true, userId: string, sessionId: string, refreshToken: string }
  | { ok: false, reason: string }

/**
 * Marks the token used in one statement; no row means another request (or process) used it first.
 * On PostgreSQL a concurrent rotation of the same token waits here for the other one to commit.
 */
const USE_TOKEN = 'update refresh_tokens set used_at = @now where token_hash = @hash and used_at is null returning session_id'

async function rotateIn (tx: Executor, tokenHash: string, at: Date, lifetimes: TokenLifetimes): Promise<RotationOutcome> {
  const found = await tx.orm.select({
    usedAt: refreshTokens.usedAt,
    expiresAt: refreshTokens.expiresAt,
    sessionId: sessions.id,
    userId: sessions.userId,
    sessionExpiresAt: sessions.expiresAt,
    revokedAt: sessions.revokedAt
  }).from(refreshTokens).innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash)).get()
  const now = at.toISOString()
  if (!found) return { ok: false, reason: 'unknown refresh token' }
  if (found.revokedAt !== null) return { ok: false, reason: 'the session has ended' }
  const reuse = { ok: false, reason: 'refresh token reuse detected; the session is revoked' } as const
  if (found.usedAt !== null) {
    await revokeSession(tx, found.sessionId, at, 'refresh_token_reuse')
    return reuse
  }
  if (found.expiresAt <= now || found.sessionExpiresAt <= now) return { ok: false, reason: 'refresh token expired' }
  const used = await tx.get<{ session_id: string }>(USE_TOKEN, { now, hash: tokenHash })
  if (!used) {
    await revokeSession(tx, found.sessionId, at, 'refresh_token_reuse')
    return reuse
  }
  const refreshToken = await issueRefreshToken(tx, found.sessionId, found.sessionExpiresAt, at, lifetimes)
  return { ok: true, userId: found.userId, sessionId: found.sessionId, refreshToken }
}

/**
 * Exchanges a refresh token for a new one in the same session. A token that was already
 * rotated is a sign of theft: the whole session is revoked (and stays revoked).
 */
export async function rotateRefreshToken (data: DataLayer, token: string, at: Date, lifetimes: TokenLifetimes): Promise<{ userId: string, sessionId: string, refreshToken: string }> {
  const tokenHash = hashToken(token)
  // Anyone may call refresh: an unknown token is refused on a plain read, so a flood of made-up
  // tokens never takes a write transaction from real writers.
  const known = await data.orm.select({ tokenHash: refreshTokens.tokenHash }).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).get()
  if (!known) throw unauthenticated('unknown refresh token')
  // A refusal is returned, not thrown, so that the revocation of a reused token's session commits.
  const outcome = await data.write((tx) => rotateIn(tx, tokenHash, at, lifetimes))
  if (!outcome.ok) throw unauthenticated(outcome.reason)
  return outcome
}

/** The session a refresh token belongs to, if the token is known. */
export async function sessionOfRefreshToken (ex: Executor, token: string): Promise<{ sessionId: string, userId: string } | undefined> {
  return await ex.orm.select({ sessionId: sessions.id, userId: sessions.userId }).from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, hashToken(token))).get()
}

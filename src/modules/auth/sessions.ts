// Sessions and refresh tokens: opaque, stored as SHA-256 hashes, rotated on use; reuse revokes the family.
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull, ne } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../../db/client.ts'
import { sessions, refreshTokens } from '../../../db/schema/index.ts'
import { newId } from '../../lib/ids.ts'
import { unauthenticated } from '../../lib/problems.ts'

export type TokenLifetimes = { refreshTtlSeconds: number, sessionMaxAgeSeconds: number }

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')
const newRefreshToken = () => `rt_${randomBytes(32).toString('base64url')}`
const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString()

function issueRefreshToken (tx: DbOrTx, sessionId: string, sessionExpiresAt: string, at: Date, lifetimes: TokenLifetimes): string {
  const token = newRefreshToken()
  const expiresAt = plusSeconds(at, lifetimes.refreshTtlSeconds)
  tx.insert(refreshTokens).values({
    tokenHash: hashToken(token),
    sessionId,
    createdAt: at.toISOString(),
    expiresAt: expiresAt < sessionExpiresAt ? expiresAt : sessionExpiresAt,
    usedAt: null
  }).run()
  return token
}

/** Starts a session (a refresh-token family) for a user. */
export function startSession (tx: DbOrTx, userId: string, at: Date, lifetimes: TokenLifetimes): { sessionId: string, refreshToken: string } {
  const sessionId = newId(at.getTime())
  const expiresAt = plusSeconds(at, lifetimes.sessionMaxAgeSeconds)
  tx.insert(sessions).values({ id: sessionId, userId, createdAt: at.toISOString(), expiresAt, revokedAt: null, revokedReason: null }).run()
  return { sessionId, refreshToken: issueRefreshToken(tx, sessionId, expiresAt, at, lifetimes) }
}

export function revokeSession (tx: DbOrTx, sessionId: string, at: Date, reason: string): void {
  tx.update(sessions).set({ revokedAt: at.toISOString(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))).run()
}

/** Ends every session of a user except the one given (after a password change). */
export function revokeOtherSessions (tx: DbOrTx, userId: string, keepSessionId: string | null, at: Date): void {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)]
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId))
  tx.update(sessions).set({ revokedAt: at.toISOString(), revokedReason: 'password_changed' }).where(and(...conditions)).run()
}

type RotationOutcome =
  | { ok: true, userId: string, sessionId: string, refreshToken: string }
  | { ok: false, reason: string }

/**
 * Exchanges a refresh token for a new one in the same session. A token that was already
 * rotated is a sign of theft: the whole session is revoked (and stays revoked).
 */
export function rotateRefreshToken (db: Database, token: string, at: Date, lifetimes: TokenLifetimes): { userId: string, sessionId: string, refreshToken: string } {
  // Anyone may call refresh: an unknown token is refused on a plain read, so a flood of made-up
  // tokens never takes the database's write lock from real writers.
  const known = db.select({ tokenHash: refreshTokens.tokenHash }).from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(token))).get()
  if (!known) throw unauthenticated('unknown refresh token')
  const outcome = db.transaction((tx): RotationOutcome => {
    const found = tx.select({
      tokenHash: refreshTokens.tokenHash,
      usedAt: refreshTokens.usedAt,
      expiresAt: refreshTokens.expiresAt,
      sessionId: sessions.id,
      userId: sessions.userId,
      sessionExpiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt
    }).from(refreshTokens).innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, hashToken(token))).get()
    const now = at.toISOString()
    if (!found) return { ok: false, reason: 'unknown refresh token' }
    if (found.revokedAt !== null) return { ok: false, reason: 'the session has ended' }
    if (found.usedAt !== null) {
      revokeSession(tx, found.sessionId, at, 'refresh_token_reuse')
      return { ok: false, reason: 'refresh token reuse detected; the session is revoked' }
    }
    if (found.expiresAt <= now || found.sessionExpiresAt <= now) return { ok: false, reason: 'refresh token expired' }
    tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.tokenHash, found.tokenHash)).run()
    const refreshToken = issueRefreshToken(tx, found.sessionId, found.sessionExpiresAt, at, lifetimes)
    return { ok: true, userId: found.userId, sessionId: found.sessionId, refreshToken }
  }, { behavior: 'immediate' })
  if (!outcome.ok) throw unauthenticated(outcome.reason)
  return outcome
}

/** The session a refresh token belongs to, if the token is known. */
export function sessionOfRefreshToken (tx: DbOrTx, token: string): { sessionId: string, userId: string } | undefined {
  return tx.select({ sessionId: sessions.id, userId: sessions.userId }).from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, hashToken(token))).get()
}

// The accounts module: users and their sessions, the primitives under auth, team and users routes (no routes of its own).
export { findUser, findUserByEmail, insertUser, normalizeEmail, toUserDto, type UserRow, type NewUser } from './users-repository.ts'
export {
  startSession, rotateRefreshToken, revokeSession, revokeOtherSessions, sessionOfRefreshToken, type TokenLifetimes
} from './sessions.ts'

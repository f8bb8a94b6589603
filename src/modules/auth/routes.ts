// Auth routes: register, login, refresh (public); logout and password change (authenticated).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems, authedProblems, bearer } from '../../../schemas/common.ts'
import { type OrganizationInputDto, RegisterBody, RegisterResponse, LoginBody, LoginResponse, RefreshBody, TokenPair, PasswordChangeBody } from '../../../schemas/identity.ts'
import { conflict, unauthenticated, ruleViolation, OverloadedError } from '../../lib/problems.ts'
import { users } from '../../../db/schema/index.ts'
import { eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { findUserByEmail, findUser, insertUser, toUserDto, startSession, rotateRefreshToken, revokeSession, revokeOtherSessions, sessionOfRefreshToken } from '../accounts/index.ts'
import { activeAllianceCodes, insertOrganization, toOrganizationDto } from '../organizations/index.ts'
import { acceptInvitation, usableInvitation } from '../team/index.ts'
import { passwordPolicyProblem, samePassword } from './password-policy.ts'
import { beginLoginAttempt } from './login-limits.ts'
import { beginRegistration } from './register-limits.ts'

/** Registers an organization and its first user, its owner (in the caller's transaction). */
async function registerOrganization (tx: Executor, input: { email: string, name: string, passwordHash: string, organization: OrganizationInputDto }, at: Date) {
  if (await findUserByEmail(tx, input.email)) throw conflict('an account with this email already exists', 'email_taken')
  const organization = await insertOrganization(tx, input.organization, at)
  const user = await insertUser(tx, { email: input.email, name: input.name, role: organization.kind, organizationId: organization.id, orgRole: 'owner', passwordHash: input.passwordHash }, at)
  return { organization, user }
}

/** Runs `work`; when the hasher refused it as overloaded, calls `withdraw` (nothing was checked) and rethrows. */
async function unlessOverloaded<T> (work: () => Promise<T>, withdraw: () => Promise<void>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof OverloadedError) await withdraw()
    throw error
  }
}

export const publicAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const lifetimes = { refreshTtlSeconds: app.config.REFRESH_TOKEN_TTL, sessionMaxAgeSeconds: app.config.SESSION_MAX_AGE }
  const tokens = (userId: string, sessionId: string, role: Parameters<typeof app.signAccessToken>[0]['role'], refreshToken: string) => ({
    accessToken: app.signAccessToken({ userId, sessionId, role }),
    refreshToken,
    tokenType: 'Bearer' as const,
    expiresIn: app.config.ACCESS_TOKEN_TTL
  })

  app.post('/auth/register', {
    // The new account's resource is the caller's own profile.
    config: { location: '/v1/me' },
    schema: {
      tags: ['auth'], summary: 'Register an organization and its first user (its owner), or join an organization by invitation', security: [],
      body: RegisterBody,
      response: { 201: RegisterResponse, ...problems(409, 422, { 409: ['email_taken'], 422: ['invitation_invalid'] }) }
    }
  }, async (request, reply) => {
    const body = request.body
    const { email, password, name } = body
    const attempt = await beginRegistration(app.rateLimiter, app.config.REGISTER_RATE_LIMIT, request.ip, app.clock())
    const policy = passwordPolicyProblem(password, [email, name])
    if (policy) throw policy
    if (await findUserByEmail(app.data, email)) throw conflict('an account with this email already exists', 'email_taken')
    // A bad token is refused before the costly hash.
    if ('invitationToken' in body) await usableInvitation(app.data, body.invitationToken, email, app.clock())
    const passwordHash = await unlessOverloaded(() => app.passwords.hash('register', password), attempt.withdrawn)
    const at = app.clock()
    const created = await app.data.write(async (tx) => {
      const joined = 'organization' in body
        ? await registerOrganization(tx, { email, name, passwordHash, organization: body.organization }, at)
        : await acceptInvitation(tx, { token: body.invitationToken, email, name, passwordHash }, at)
      const session = await startSession(tx, joined.user.id, at, lifetimes)
      return { ...joined, session }
    })
    reply.code(201)
    return {
      ...tokens(created.user.id, created.session.sessionId, created.user.role, created.session.refreshToken),
      user: toUserDto(created.user),
      // A new organization is in no alliance yet; the one an invitee joins may be.
      organization: toOrganizationDto(created.organization, 'organization' in body ? [] : await activeAllianceCodes(app.data, created.organization.id))
    }
  })

  app.post('/auth/login', {
    schema: {
      tags: ['auth'], summary: 'Log in with email and password', security: [],
      body: LoginBody,
      response: { 200: LoginResponse, ...problems(401) }
    }
  }, async (request) => {
    const { email, password } = request.body
    const attempt = await beginLoginAttempt(app.rateLimiter, email, request.ip, app.clock())
    const user = await findUserByEmail(app.data, email)
    // Known and unknown accounts wait in the same queue and spend the same work: neither time nor a 503 tells them apart.
    const valid = await unlessOverloaded(async () => {
      if (user) return app.passwords.verify('login', password, user.passwordHash)
      await app.passwords.burn('login', password)
      return false
    }, attempt.withdrawn)
    // A deactivated user is refused exactly as a wrong password is.
    if (!user || !valid || user.status !== 'active') throw unauthenticated('invalid email or password')
    await attempt.succeeded()
    const session = await app.data.write((tx) => startSession(tx, user.id, app.clock(), lifetimes))
    return { ...tokens(user.id, session.sessionId, user.role, session.refreshToken), user: toUserDto(user) }
  })

  app.post('/auth/refresh', {
    schema: {
      tags: ['auth'], summary: 'Exchange a refresh token for a new pair (rotation)', security: [],
      body: RefreshBody,
      response: { 200: TokenPair, ...problems(401) }
    }
  }, async (request) => {
    const rotated = await rotateRefreshToken(app.data, request.body.refreshToken, app.clock(), lifetimes)
    const user = await findUser(app.data, rotated.userId)
    if (!user || user.status !== 'active') throw unauthenticated('unknown user')
    return tokens(user.id, rotated.sessionId, user.role, rotated.refreshToken)
  })
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/logout', {
    schema: {
      tags: ['auth'], summary: 'End the session of a refresh token', security: bearer,
      body: RefreshBody,
      response: { 204: Type.Null({ description: 'Logged out' }), ...authedProblems() }
    }
  }, async (request, reply) => {
    const session = await sessionOfRefreshToken(app.data, request.body.refreshToken)
    // A token of another user's session is ignored rather than revealed; the caller's own session ends either way.
    const target = session && session.userId === request.actor.userId ? session.sessionId : request.actor.sessionId
    await revokeSession(app.data, target, app.clock(), 'logout')
    return reply.code(204).send(null)
  })

  app.post('/auth/password', {
    schema: {
      tags: ['auth'], summary: "Change the caller's password; ends the user's other sessions", security: bearer,
      body: PasswordChangeBody,
      response: { 204: Type.Null({ description: 'Password changed' }), ...authedProblems(422) }
    }
  }, async (request, reply) => {
    const { currentPassword, newPassword } = request.body
    const user = await findUser(app.data, request.actor.userId)
    if (!user) throw unauthenticated('unknown user')
    // Guessing the current password with a stolen access token counts against the same per-account limit as logins.
    const attempt = await beginLoginAttempt(app.rateLimiter, user.email, request.ip, app.clock())
    const valid = await unlessOverloaded(() => app.passwords.verify('password_change', currentPassword, user.passwordHash), attempt.withdrawn)
    if (!valid) throw unauthenticated('current password is wrong')
    await attempt.succeeded()
    if (samePassword(newPassword, currentPassword)) throw ruleViolation('the new password must differ from the current one', 'password_unchanged')
    const policy = passwordPolicyProblem(newPassword, [user.email, user.name], '/newPassword')
    if (policy) throw policy
    const passwordHash = await app.passwords.hash('password_change', newPassword)
    const at = app.clock()
    await app.data.write(async (tx) => {
      await tx.orm.update(users).set({ passwordHash, passwordChangedAt: at.toISOString() }).where(eq(users.id, user.id)).run()
      await revokeOtherSessions(tx, user.id, request.actor.sessionId, at)
    })
    return reply.code(204).send(null)
  })
}

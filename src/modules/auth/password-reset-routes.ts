// Password reset routes (public): request a mailed token (same answer for any email, 5 an hour), confirm it with a new password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { eq } from 'drizzle-orm'
import { problems } from '../../../schemas/common.ts'
import { PasswordResetAccepted, PasswordResetBody, PasswordResetConfirmBody } from '../../../schemas/team.ts'
import { users } from '../../../db/schema/index.ts'
import { ruleViolation } from '../../lib/problems.ts'
import { findUserByEmail, normalizeEmail, revokeOtherSessions } from '../accounts/index.ts'
import { passwordPolicyProblem } from './password-policy.ts'
import { countResetRequest } from './reset-limits.ts'
import { sendPasswordReset } from './password-reset-mail.ts'
import { issueResetToken, userOfResetToken, useResetToken } from './password-resets.ts'

const ACCEPTED = { detail: 'if an account has this email, a message with a reset link is on its way; the link holds for 30 minutes' }

const invalidToken = () => ruleViolation('the reset token is unknown, used or expired: request a new one', 'reset_token_invalid',
  [{ path: '/token', message: 'not a live reset token' }])

export const passwordResetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/password-reset', {
    schema: {
      tags: ['auth'],
      operationId: 'requestPasswordReset',
      summary: 'Mail a password reset link to the account of an email, if there is one (the answer is the same either way)',
      security: [],
      body: PasswordResetBody,
      response: { 202: PasswordResetAccepted, ...problems() }
    }
  }, async (request, reply) => {
    const now = app.clock()
    await countResetRequest(app.rateLimiter, normalizeEmail(request.body.email), now)
    const user = await findUserByEmail(app.data, request.body.email)
    if (user && user.status === 'active') {
      await app.data.write(async (tx) => {
        const { token, expiresAt } = await issueResetToken(tx, user.id, now)
        await sendPasswordReset(tx, app.config.PUBLIC_URL, { to: user.email, name: user.name, token, expiresAt }, now)
      })
    }
    return reply.code(202).send(ACCEPTED)
  })

  app.post('/auth/password-reset/confirm', {
    schema: {
      tags: ['auth'],
      operationId: 'confirmPasswordReset',
      summary: 'Set a new password with a reset token; ends every session of the user',
      security: [],
      body: PasswordResetConfirmBody,
      response: { 204: Type.Null({ description: 'Password set' }), ...problems(422, { 422: ['reset_token_invalid'] }) }
    }
  }, async (request, reply) => {
    const { token, newPassword } = request.body
    // The token is checked before any hashing, so made-up tokens cost the server one read.
    const user = await userOfResetToken(app.data, token, app.clock())
    if (!user) throw invalidToken()
    const policy = passwordPolicyProblem(newPassword, [user.email, user.name], '/newPassword')
    if (policy) throw policy
    const passwordHash = await app.passwords.hash('password_change', newPassword)
    const at = app.clock()
    await app.data.write(async (tx) => {
      if (await useResetToken(tx, token, at) !== user.id) throw invalidToken()
      await tx.orm.update(users).set({ passwordHash, passwordChangedAt: at.toISOString() }).where(eq(users.id, user.id)).run()
      await revokeOtherSessions(tx, user.id, null, at, 'password_reset')
    })
    return reply.code(204).send(null)
  })
}

// Invitation routes: owners and managers invite by email with a role, list, resend (a new token) and revoke.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { eq } from 'drizzle-orm'
import { authedProblems, bearer, IdParams, PageOf } from '../../../schemas/common.ts'
import { InvitationBody, InvitationQuery } from '../../../schemas/team.ts'
import { invitations } from '../../../db/schema/index.ts'
import type { Executor } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { newId } from '../../lib/ids.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { findUserByEmail, normalizeEmail } from '../accounts/index.ts'
import { findMember, lockOrganization, type MemberRow } from './members-repository.ts'
import { findOrganization } from '../organizations/index.ts'
import { organizationOfCaller } from './members.ts'
import { managesInvitations } from './rules.ts'
import { countInvitationMail } from './limits.ts'
import { sendInvitation } from './mails.ts'
import {
  effectiveStatus, findInvitation, lockInvitation, findPendingInvitation, invitationExpiry, issueInvitationToken, listInvitations, toInvitationDto, type InvitationRow
} from './invitations-repository.ts'

const emailTaken = () => conflict('an account with this email already exists; it cannot join another organization', 'email_taken')

/** The caller as one of the organization's people allowed to handle invitations (403 otherwise). */
async function inviter (ex: Executor, actor: Actor, organizationId: string) {
  const caller = await findMember(ex, organizationId, actor.userId)
  if (!caller || !managesInvitations(caller.orgRole)) throw forbidden('only owners and managers handle invitations')
  return caller
}

/**
 * An invitation of the caller's own organization (404 for any other: its existence is not told) that the caller handles.
 * In a write it is locked first on PostgreSQL, so a resend, a revocation and an acceptance run one after another.
 */
async function ownInvitation (ex: Executor, actor: Actor, id: string, lock = false): Promise<{ invitation: InvitationRow, caller: MemberRow }> {
  if (lock) await lockInvitation(ex, id)
  const invitation = await findInvitation(ex, id)
  if (!invitation || invitation.organizationId !== actor.organizationId) throw notFound('invitation')
  return { invitation, caller: await inviter(ex, actor, invitation.organizationId) }
}

export const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const publicUrl = app.config.PUBLIC_URL

  app.post('/organizations/:id/invitations', {
    config: { location: '/v1/invitations/{id}' },
    schema: {
      tags: ['team'],
      operationId: 'createInvitation',
      summary: 'Invite someone by email to join the organization with a role (owners, managers); the token goes out by mail',
      security: bearer,
      params: IdParams,
      body: InvitationBody,
      response: { 201: Type.Ref('Invitation'), ...authedProblems(403, 404, 409, { 409: ['email_taken', 'invitation_pending'] }) }
    }
  }, async (request, reply) => {
    const org = await organizationOfCaller(app.data, request.actor, request.params.id, 'invite people to it')
    await inviter(app.data, request.actor, org.id)
    const { email, orgRole, name } = request.body
    const emailNormalized = normalizeEmail(email)
    if (await findUserByEmail(app.data, email)) throw emailTaken()
    const now = app.clock()
    await countInvitationMail(app.rateLimiter, org.id, now)
    const row = await app.data.write(async (tx) => {
      // Two invitations of one email racing: the second sees the first's pending row.
      await lockOrganization(tx, org.id)
      const caller = await inviter(tx, request.actor, org.id)
      if (await findUserByEmail(tx, email)) throw emailTaken()
      if (await findPendingInvitation(tx, org.id, emailNormalized, now)) {
        throw conflict('this email already has a pending invitation: resend it instead', 'invitation_pending')
      }
      const { token, tokenHash } = issueInvitationToken()
      const created: InvitationRow = {
        id: newId(now.getTime()),
        organizationId: org.id,
        email: email.trim(),
        emailNormalized,
        name: name?.trim() ?? null,
        orgRole,
        status: 'pending',
        tokenHash,
        invitedBy: caller.id,
        acceptedUserId: null,
        createdAt: now.toISOString(),
        expiresAt: invitationExpiry(now),
        updatedAt: now.toISOString()
      }
      await tx.orm.insert(invitations).values(created).run()
      await sendInvitation(tx, publicUrl, { to: created.email, organizationName: org.name, inviterName: caller.name, orgRole, token, expiresAt: created.expiresAt }, now)
      return created
    })
    reply.code(201)
    return toInvitationDto(row, now)
  })

  app.get('/organizations/:id/invitations', {
    schema: {
      tags: ['team'],
      operationId: 'listInvitations',
      summary: "The organization's invitations, newest first, optionally of one status (owners, managers)",
      security: bearer,
      params: IdParams,
      querystring: InvitationQuery,
      response: { 200: PageOf(Type.Ref('Invitation')), ...authedProblems(403, 404) }
    }
  }, async (request) => {
    const org = await organizationOfCaller(app.data, request.actor, request.params.id, 'see its invitations')
    await inviter(app.data, request.actor, org.id)
    const { status, limit, cursor } = request.query
    const now = app.clock()
    const rows = await listInvitations(app.data, { organizationId: org.id, status, beforeId: decodeCursor(cursor), limit }, now)
    const page = toPage(rows, limit, (r) => r.id)
    return { items: page.items.map((r) => toInvitationDto(r, now)), nextCursor: page.nextCursor }
  })

  app.get('/invitations/:id', {
    schema: {
      tags: ['team'],
      operationId: 'getInvitation',
      summary: "One of the organization's invitations (owners, managers)",
      security: bearer,
      params: IdParams,
      response: { 200: Type.Ref('Invitation'), ...authedProblems(403, 404) }
    }
  }, async (request) => toInvitationDto((await ownInvitation(app.data, request.actor, request.params.id)).invitation, app.clock()))

  app.post('/invitations/:id/resend', {
    schema: {
      tags: ['team'],
      operationId: 'resendInvitation',
      summary: 'Send a pending (or expired) invitation again with a new token, valid 7 more days; the old token stops working',
      security: bearer,
      params: IdParams,
      response: { 200: Type.Ref('Invitation'), ...authedProblems(403, 404, 409, { 409: ['invitation_not_pending', 'email_taken'] }) }
    }
  }, async (request) => {
    const { invitation } = await ownInvitation(app.data, request.actor, request.params.id)
    const now = app.clock()
    await countInvitationMail(app.rateLimiter, invitation.organizationId, now)
    const row = await app.data.write(async (tx) => {
      const { invitation: current, caller } = await ownInvitation(tx, request.actor, request.params.id, true)
      if (current.status !== 'pending') throw conflict(`the invitation is ${current.status}`, 'invitation_not_pending')
      if (await findUserByEmail(tx, current.email)) throw emailTaken()
      const org = (await findOrganization(tx, current.organizationId))!
      const { token, tokenHash } = issueInvitationToken()
      const renewed: InvitationRow = { ...current, tokenHash, expiresAt: invitationExpiry(now), updatedAt: now.toISOString() }
      const changes = { tokenHash, expiresAt: renewed.expiresAt, updatedAt: renewed.updatedAt }
      await tx.orm.update(invitations).set(changes).where(eq(invitations.id, current.id)).run()
      await sendInvitation(tx, publicUrl, { to: current.email, organizationName: org.name, inviterName: caller.name, orgRole: current.orgRole, token, expiresAt: renewed.expiresAt }, now)
      return renewed
    })
    return toInvitationDto(row, now)
  })

  app.post('/invitations/:id/revoke', {
    schema: {
      tags: ['team'],
      operationId: 'revokeInvitation',
      summary: 'Revoke a pending (or expired) invitation: its token stops working',
      security: bearer,
      params: IdParams,
      response: { 200: Type.Ref('Invitation'), ...authedProblems(403, 404, 409, { 409: ['invitation_not_pending'] }) }
    }
  }, async (request) => {
    const now = app.clock()
    const row = await app.data.write(async (tx) => {
      const { invitation: current } = await ownInvitation(tx, request.actor, request.params.id, true)
      if (current.status !== 'pending') throw conflict(`the invitation is ${effectiveStatus(current, now)}`, 'invitation_not_pending')
      await tx.orm.update(invitations).set({ status: 'revoked', updatedAt: now.toISOString() }).where(eq(invitations.id, current.id)).run()
      return { ...current, status: 'revoked' as const, updatedAt: now.toISOString() }
    })
    return toInvitationDto(row, now)
  })
}

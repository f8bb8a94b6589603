// Notification routes: the caller's inbox with its unread count, marking read, and the change feed of its events.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer } from '../../../schemas/common.ts'
import { EventFeed, EventFeedQuery, MarkReadBody, NotificationList, NotificationListQuery } from '../../../schemas/notifications.ts'
import type { Actor } from '../../lib/actor.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { decodeFeedCursor, encodeFeedCursor, readFeed } from './feed.ts'
import { countUnread, listInbox, markRead, toEventDto } from './repository.ts'

/** Whose notifications the caller reads: its organization's, or its own when it has none (coordinators, admins). */
export const recipientOf = (actor: Actor) => actor.organizationId ?? actor.userId

const SEQ = /^\d{1,19}$/

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/notifications', {
    schema: {
      tags: ['notifications'],
      operationId: 'listNotifications',
      summary: "The caller's inbox, newest first, with its unread count (an organization's people share its inbox)",
      security: bearer,
      querystring: NotificationListQuery,
      response: {
        200: NotificationList,
        ...authedProblems()
      }
    }
  }, async (request) => {
    const { unread, limit, cursor } = request.query
    const after = decodeCursor(cursor, SEQ)
    const recipientId = recipientOf(request.actor)
    const rows = await listInbox(app.data, { recipientId, unread: unread === true, beforeSeq: after === undefined ? undefined : Number(after), limit })
    const page = toPage(rows, limit, (row) => String(row.seq))
    return {
      items: page.items.map((row) => ({ id: row.id, event: toEventDto(row), readAt: row.readAt })),
      nextCursor: page.nextCursor,
      unreadCount: await countUnread(app.data, recipientId)
    }
  })

  app.post('/notifications/read', {
    schema: {
      tags: ['notifications'],
      operationId: 'markNotificationsRead',
      summary: "Mark the caller's notifications read: the listed ones (ids of others are ignored), or all",
      security: bearer,
      body: MarkReadBody,
      response: {
        204: Type.Null({ description: 'Marked read' }),
        ...authedProblems()
      }
    }
  }, async (request, reply) => {
    const body = request.body
    await markRead(app.data, recipientOf(request.actor), 'ids' in body ? body.ids : 'all', app.clock())
    return reply.code(204).send(null)
  })

  app.get('/events', {
    schema: {
      tags: ['notifications'],
      operationId: 'readEventFeed',
      summary: 'The change feed: the events addressed to the caller, oldest first; resume from nextCursor, which is never null',
      security: bearer,
      querystring: EventFeedQuery,
      response: {
        200: EventFeed,
        ...authedProblems()
      }
    }
  }, async (request) => {
    const { after, limit } = request.query
    const position = decodeFeedCursor(after)
    const rows = await readFeed(app.data, recipientOf(request.actor), position, limit)
    const last = rows[rows.length - 1]
    return {
      items: rows.map(toEventDto),
      nextCursor: encodeFeedCursor(last === undefined ? position : { txId: last.txId, seq: Number(last.seq) })
    }
  })
}

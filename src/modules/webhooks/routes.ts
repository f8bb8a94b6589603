// Webhook routes: the caller's endpoints (register, list, read, delete) and each endpoint's delivery log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { CreatedWebhook, CreateWebhookBody, WebhookDeliveryList, WebhookList, WebhookListQuery } from '../../../schemas/webhooks.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { notFound } from '../../lib/problems.ts'
import { findWebhook, listDeliveries, listWebhooks } from './repository.ts'
import { createWebhook, MAX_WEBHOOKS, ownerOf, removeWebhook } from './service.ts'
import { URL_INVALID, URL_REFUSED } from './url-guard.ts'

const WebhookResponse = Type.Ref('Webhook')

export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/webhooks', {
    config: {
      idempotent: true,
      location: '/v1/webhooks/{id}'
    },
    schema: {
      tags: ['webhooks'],
      operationId: 'createWebhook',
      summary: `Register a webhook endpoint of the caller's organization (a coordinator's or admin's own); the secret is shown only here; at most ${MAX_WEBHOOKS}`,
      security: bearer,
      body: CreateWebhookBody,
      response: {
        201: CreatedWebhook,
        ...authedProblems({ 422: [URL_REFUSED, URL_INVALID, 'webhook_limit_reached'] })
      }
    }
  }, async (request, reply) => {
    const created = await createWebhook(app.data, request.actor, request.body, app.clock(), app.config.WEBHOOK_ALLOW_PRIVATE)
    reply.code(201)
    return created
  })

  app.get('/webhooks', {
    schema: {
      tags: ['webhooks'],
      operationId: 'listWebhooks',
      summary: "The caller's webhook endpoints, newest first (without their secrets)",
      security: bearer,
      querystring: WebhookListQuery,
      response: {
        200: WebhookList,
        ...authedProblems()
      }
    }
  }, async (request) => {
    const { limit, cursor } = request.query
    const rows = await listWebhooks(app.data, ownerOf(request.actor), decodeCursor(cursor), limit)
    return toPage(rows, limit, (row) => row.id)
  })

  app.get('/webhooks/:id', {
    schema: {
      tags: ['webhooks'],
      operationId: 'getWebhook',
      summary: "One of the caller's webhook endpoints (without its secret)",
      security: bearer,
      params: IdParams,
      response: {
        200: WebhookResponse,
        ...authedProblems(404)
      }
    }
  }, async (request) => {
    const webhook = await findWebhook(app.data, request.params.id, ownerOf(request.actor))
    if (!webhook) throw notFound('webhook')
    return webhook
  })

  app.delete('/webhooks/:id', {
    schema: {
      tags: ['webhooks'],
      operationId: 'deleteWebhook',
      summary: "Delete one of the caller's webhook endpoints with its delivery log; pending deliveries are not attempted",
      security: bearer,
      params: IdParams,
      response: {
        204: Type.Null({ description: 'Deleted' }),
        ...authedProblems(404)
      }
    }
  }, async (request, reply) => {
    await removeWebhook(app.data, request.actor, request.params.id)
    return reply.code(204).send(null)
  })

  app.get('/webhooks/:id/deliveries', {
    schema: {
      tags: ['webhooks'],
      operationId: 'listWebhookDeliveries',
      summary: "The delivery log of one of the caller's endpoints, newest first",
      security: bearer,
      params: IdParams,
      querystring: WebhookListQuery,
      response: {
        200: WebhookDeliveryList,
        ...authedProblems(404)
      }
    }
  }, async (request) => {
    const { limit, cursor } = request.query
    const beforeId = decodeCursor(cursor)
    const webhook = await findWebhook(app.data, request.params.id, ownerOf(request.actor))
    if (!webhook) throw notFound('webhook')
    return toPage(await listDeliveries(app.data, webhook.id, beforeId, limit), limit, (row) => row.id)
  })
}

// Question routes: a college asks on an order, everyone who sees the order lists its questions, the owner answers once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { AnswerQuestionBody, AskQuestionBody, QuestionList, QuestionListQuery } from '../../../schemas/questions.ts'
import { isAdmin, type Actor } from '../../lib/actor.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { notFound } from '../../lib/problems.ts'
import { findOrderAccess, viewerOf } from '../orders/index.ts'
import { findQuestion, listQuestions, toQuestionDto, type QuestionReader } from './repository.ts'
import { answerQuestion, askQuestion } from './service.ts'

const QuestionResponse = Type.Ref('Question')

/** Who asked is for the alliance's coordinators and admins; `mine` for the asking college. */
const readerOf = (actor: Actor, order: { coordinates: boolean }): QuestionReader =>
  ({ organizationId: actor.organizationId, identities: order.coordinates || isAdmin(actor) })

export const questionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The order if the caller sees it, else 404 (`what` names what was asked for). */
  const visibleOrder = async (orderId: string, actor: Actor, what: string) => {
    const order = await findOrderAccess(app.data, orderId, viewerOf(actor, app.clock()))
    if (!order?.visible) throw notFound(what)
    return order
  }

  /** One question as the caller reads it. */
  const readQuestion = async (id: string, actor: Actor) => {
    const row = await findQuestion(app.data, id)
    if (!row) throw notFound('question')
    return toQuestionDto(row, readerOf(actor, await visibleOrder(row.orderId, actor, 'question')))
  }

  app.post('/orders/:id/questions', {
    config: {
      idempotent: true,
      location: '/v1/orders/{orderId}/questions'
    },
    schema: {
      tags: ['orders'],
      operationId: 'askQuestion',
      summary: 'Ask a question on an order while it is open, until its questionDeadline (a college that sees it)',
      security: bearer,
      params: IdParams,
      body: AskQuestionBody,
      response: {
        201: QuestionResponse,
        ...authedProblems(403, 404, 409, { 409: ['questions_closed'] })
      }
    }
  }, async (request, reply) => {
    const id = await askQuestion(app.data, request.actor, request.params.id, request.body, app.clock())
    reply.code(201)
    return readQuestion(id, request.actor)
  })

  app.get('/orders/:id/questions', {
    schema: {
      tags: ['orders'],
      operationId: 'listOrderQuestions',
      summary: "An order's questions and answers, oldest first (everyone who sees the order; who asked only for coordinators and admins)",
      security: bearer,
      params: IdParams,
      querystring: QuestionListQuery,
      response: {
        200: QuestionList,
        ...authedProblems(404)
      }
    }
  }, async (request) => {
    const { limit, cursor } = request.query
    const afterId = decodeCursor(cursor)
    const order = await visibleOrder(request.params.id, request.actor, 'order')
    const page = toPage(await listQuestions(app.data, order.id, afterId, limit), limit, (row) => row.id)
    const reader = readerOf(request.actor, order)
    return { items: page.items.map((row) => toQuestionDto(row, reader)), nextCursor: page.nextCursor }
  })

  app.post('/questions/:id/answer', {
    schema: {
      tags: ['orders'],
      operationId: 'answerQuestion',
      summary: "Answer a question on the caller's order, once (the owner)",
      security: bearer,
      params: IdParams,
      body: AnswerQuestionBody,
      response: {
        200: QuestionResponse,
        ...authedProblems(403, 404, 409, { 409: ['already_answered'] })
      }
    }
  }, async (request) => {
    await answerQuestion(app.data, request.actor, request.params.id, request.body, app.clock())
    return readQuestion(request.params.id, request.actor)
  })
}

// Question use cases, each one write transaction: a college asks while questions are open; the order's owner answers once.
//
// Answering has no deadline and no status rule: the owner may answer after questions close, while the
// order is evaluating, and also once it is awarded, unsuccessful or cancelled. An answer only adds
// clarification to the record (the question was asked while the order was open), so refusing it
// protects nobody; what it may not do is answer twice (409 already_answered).
import type { DataLayer } from '../../../db/executor.ts'
import { writeTransaction } from '../../../db/transaction.ts'
import type { AnswerQuestionInput, AskQuestionInput } from '../../../schemas/questions.ts'
import type { Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, forbidden, HttpProblem, notFound } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { loadOrderForWrite, refuseAfterLoad, requireOwner } from '../orders/index.ts'
import { findQuestion, insertQuestion, storeAnswer } from './repository.ts'

/** When questions close: the order's questionDeadline, or its bidDeadline when it has none. */
export const questionsCloseAt = (order: { bidDeadline: string, questionDeadline: string | null }) =>
  order.questionDeadline ?? order.bidDeadline

/** Colleges may ask while the order is stored open and its questions have not closed (a deadline is passed at its instant). */
export const questionsOpen = (order: { storedStatus: string, bidDeadline: string, questionDeadline: string | null }, at: Date) =>
  order.storedStatus === 'open' && Date.parse(questionsCloseAt(order)) > at.getTime()

/** A college that sees the order asks; returns the new question's id. 404 unless visible, 403 for any other caller, 409 once closed. */
export async function askQuestion (data: DataLayer, actor: Actor, orderId: string, input: AskQuestionInput, at: Date): Promise<string> {
  return writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, orderId, actor, at)
    if (actor.organizationKind !== 'college' || actor.organizationId === null) throw forbidden('only colleges ask questions on an order')
    if (!questionsOpen(order, at)) {
      const detail = order.storedStatus === 'open'
        ? `questions on this order closed at ${questionsCloseAt(order)}`
        : `the order is ${order.status}; questions are closed`
      refuseAfterLoad(order, conflict(detail, 'questions_closed'))
    }
    const id = newId(at.getTime())
    await insertQuestion(tx, {
      id,
      orderId,
      organizationId: actor.organizationId,
      askedBy: actor.userId,
      text: input.text,
      askedAt: at.toISOString()
    })
    // The actor is kept for coordinators and admins; the timeline hides it from everyone else (orders/events.ts),
    // and the data names nobody.
    await recordEvent(tx, {
      type: 'question.asked',
      subjectType: 'question',
      subjectId: id,
      orderId,
      allianceId: order.allianceId,
      actor,
      at,
      data: { text: input.text }
    })
    return id
  })
}

/** The order's owner answers a question once. 404 unless its order is visible, 403 for anyone else, 409 when already answered. */
export async function answerQuestion (data: DataLayer, actor: Actor, questionId: string, input: AnswerQuestionInput, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const question = await findQuestion(tx, questionId)
    if (!question) throw notFound('question')
    // An order the caller may not see hides its questions: the 404 names the question, not the order.
    const order = await loadOrderForWrite(tx, question.orderId, actor, at).catch((error: unknown) => {
      throw error instanceof HttpProblem && error.status === 404 ? notFound('question') : error
    })
    requireOwner(actor, order, 'answer its questions')
    // Check and write in one statement: of concurrent answers exactly one stores, the others get 409.
    const stored = await storeAnswer(tx, questionId, { text: input.answer, answeredBy: actor.userId, answeredAt: at.toISOString() })
    if (!stored) refuseAfterLoad(order, conflict('the question has already been answered; an answer is given once', 'already_answered'))
    await recordEvent(tx, {
      type: 'question.answered',
      subjectType: 'question',
      subjectId: questionId,
      orderId: order.id,
      allianceId: order.allianceId,
      actor,
      at,
      data: { answer: input.answer }
    })
  })
}

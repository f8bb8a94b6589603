// TypeBox schemas for colleges' questions on an order and the owner's one answer to each.
import { Type, type Static } from 'typebox'
import { Id, Instant, Name, NonBlankText, Nullable, PageOf, PageQuery } from './common.ts'
import { answerQuestionExample, askQuestionExample } from './examples.ts'

const QUESTION_MAX = 2000
const ANSWER_MAX = 10_000

export const AskQuestionBody = Type.Object({
  text: NonBlankText(QUESTION_MAX, 'The question; not blank; up to 2,000 characters')
}, {
  additionalProperties: false,
  examples: [askQuestionExample]
})
export type AskQuestionInput = Static<typeof AskQuestionBody>

export const AnswerQuestionBody = Type.Object({
  answer: NonBlankText(ANSWER_MAX, 'The answer; not blank; up to 10,000 characters')
}, {
  additionalProperties: false,
  examples: [answerQuestionExample]
})
export type AnswerQuestionInput = Static<typeof AnswerQuestionBody>

export const Question = Type.Object({
  id: Id,
  orderId: Id,
  text: Type.String({ maxLength: QUESTION_MAX }),
  askedAt: Instant,
  answer: Nullable(Type.String({ maxLength: ANSWER_MAX })),
  answeredAt: Nullable(Instant),
  mine: Type.Boolean({ description: "True for the asking college's users only" }),
  askedBy: Type.Optional(Type.Object({
    id: Id,
    name: Name
  }, { description: "The asking college; shown to the alliance's coordinators and admins only" }))
}, {
  $id: 'Question',
  description: 'A question on an order; who asked is not shown to the owner nor to other colleges'
})
export type QuestionDto = Static<typeof Question>

export const QuestionList = PageOf(Type.Ref('Question'))

export const QuestionListQuery = Type.Object({
  ...PageQuery
}, { additionalProperties: false })

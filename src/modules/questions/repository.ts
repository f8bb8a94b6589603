// Question queries: one question, an order's questions oldest first (keyset over ids), the insert and the answer-once update.
import type { Executor } from '../../../db/executor.ts'
import { questions } from '../../../db/schema/index.ts'
import type { QuestionDto } from '../../../schemas/questions.ts'

/** The stored columns the reads return, typed from the schema. */
type QuestionColumns = Pick<typeof questions.$inferSelect,
  'id' | 'orderId' | 'organizationId' | 'text' | 'askedAt' | 'answer' | 'answeredAt'>

/** A question with the asking college's name joined (shown to coordinators and admins only). */
export type QuestionRow = QuestionColumns & { collegeName: string }

const COLUMNS = `q.id, q.order_id as "orderId", q.organization_id as "organizationId", c.name as "collegeName",
  q.text, q.asked_at as "askedAt", q.answer, q.answered_at as "answeredAt"`

const FROM = 'questions q join organizations c on c.id = q.organization_id'

export const findQuestion = (ex: Executor, id: string): Promise<QuestionRow | undefined> =>
  ex.get<QuestionRow>(`select ${COLUMNS} from ${FROM} where q.id = @id`, { id })

/** The order's questions after `afterId`, oldest first (ids are time-ordered); `limit + 1` rows tell whether more follow. */
export async function listQuestions (ex: Executor, orderId: string, afterId: string | undefined, limit: number): Promise<QuestionRow[]> {
  const after = afterId === undefined ? '' : ' and q.id > @afterId'
  const text = `select ${COLUMNS} from ${FROM} where q.order_id = @orderId${after} order by q.id limit @limit`
  return await ex.all<QuestionRow>(text, { orderId, limit: limit + 1, ...(afterId === undefined ? {} : { afterId }) })
}

export type NewQuestion = { id: string, orderId: string, organizationId: string, askedBy: string, text: string, askedAt: string }

export async function insertQuestion (tx: Executor, question: NewQuestion): Promise<void> {
  await tx.orm.insert(questions).values(question).run()
}

const ANSWER_SQL = `update questions set answer = @answer, answered_by = @answeredBy, answered_at = @answeredAt
  where id = @id and answer is null`

/** Stores the answer unless one is already there; false when another answer came first. */
export async function storeAnswer (tx: Executor, id: string, answer: { text: string, answeredBy: string, answeredAt: string }): Promise<boolean> {
  const result = await tx.run(ANSWER_SQL, { id, answer: answer.text, answeredBy: answer.answeredBy, answeredAt: answer.answeredAt })
  return result.changes === 1
}

/** What the reader learns: `mine` for the asking college's users, `askedBy` only when it may see identities. */
export type QuestionReader = { organizationId: string | null, identities: boolean }

export function toQuestionDto (row: QuestionRow, reader: QuestionReader): QuestionDto {
  const dto: QuestionDto = {
    id: row.id,
    orderId: row.orderId,
    text: row.text,
    askedAt: row.askedAt,
    answer: row.answer,
    answeredAt: row.answeredAt,
    mine: reader.organizationId !== null && reader.organizationId === row.organizationId
  }
  if (reader.identities) dto.askedBy = { id: row.organizationId, name: row.collegeName }
  return dto
}

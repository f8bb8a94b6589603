// The order as the API shows it: derived figures only for the owner, the alliance's coordinators and admins.
import type { Executor } from '../../../db/executor.ts'
import type { OrderDto } from '../../../schemas/orders.ts'
import { orderFigures, type OrderRow } from './repository.ts'

export async function toOrderDto (ex: Executor, row: OrderRow): Promise<OrderDto> {
  const dto: OrderDto = {
    id: row.id,
    allianceCode: row.allianceCode,
    organization: { id: row.organizationId, name: row.organizationName },
    status: row.status,
    title: row.title,
    occupation: row.occupation,
    description: row.description,
    skills: row.skills,
    headcount: row.headcount,
    location: row.location,
    trainingStart: row.trainingStart,
    trainingEnd: row.trainingEnd,
    bidDeadline: row.bidDeadline,
    budgetPerTrainee: row.budgetPerTrainee,
    hiringCommitment: row.hiringPositions === null
      ? null
      : { positions: row.hiringPositions, monthlySalaryMin: row.monthlySalaryMin, monthlySalaryMax: row.monthlySalaryMax },
    minBids: row.minBids,
    questionDeadline: row.questionDeadline,
    cancelReason: row.cancelReason,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
  const expired = row.storedStatus === 'open' && row.status !== 'open'
  if (row.privileged) Object.assign(dto, await orderFigures(ex, row.id, expired))
  return dto
}

// Cohort routes: the caller's cohorts, one cohort, its roster, lifecycle actions, trainee outcomes and hires.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, EmptyBody, IdParams } from '../../../schemas/common.ts'
import {
  CancelCohortBody, StartCohortBody, CohortList, CohortListQuery, EnrolBody, EnrolResponse, RosterUpdatesBody, RosterUpdatesResponse, TraineeList, TraineeListQuery,
  TraineeParams, TraineePatch
} from '../../../schemas/cohorts.ts'
import type { Executor } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { coordinatorAllianceIds, findAllianceByCode } from '../alliances/index.ts'
import { assertRosterReader, requireVisibleCohort } from './access.ts'
import { findCohortView, listCohortViews, listTrainees, toCohortDto, toTraineeDto, type CohortScope } from './repository.ts'
import { changeCohortStatus, changeTraineeStatus, enrolTrainees } from './service.ts'
import { changeTraineeStatuses } from './roster-bulk.ts'
import type { CohortAction } from './rules.ts'

async function scopeOf (ex: Executor, actor: Actor): Promise<CohortScope> {
  if (actor.role === 'admin') return { kind: 'all' }
  if (actor.role === 'coordinator') return { kind: 'alliances', allianceIds: await coordinatorAllianceIds(ex, actor.userId) }
  if (actor.organizationId !== null && actor.organizationKind === 'college') return { kind: 'college', organizationId: actor.organizationId }
  if (actor.organizationId !== null && actor.organizationKind === 'enterprise') return { kind: 'enterprise', organizationId: actor.organizationId }
  return { kind: 'alliances', allianceIds: [] }
}

export const cohortRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cohortDto = async (id: string) => toCohortDto((await findCohortView(app.data, id))!)

  app.get('/cohorts', {
    schema: { tags: ['cohorts'], operationId: 'listCohorts', summary: "The caller's cohorts: its college's or enterprise's, a coordinator's alliances, all for admins", security: bearer, querystring: CohortListQuery, response: { 200: CohortList, ...authedProblems() } }
  }, async (request) => {
    const { status, orderId, alliance, limit, cursor } = request.query
    let allianceId: string | undefined
    if (alliance !== undefined) {
      const found = await findAllianceByCode(app.data, alliance)
      if (!found) return { items: [], nextCursor: null }
      allianceId = found.id
    }
    const rows = await listCohortViews(app.data, await scopeOf(app.data, request.actor), { status, orderId, allianceId }, decodeCursor(cursor), limit)
    const page = toPage(rows, limit, (r) => r.cohort.id)
    return { items: page.items.map(toCohortDto), nextCursor: page.nextCursor }
  })

  app.get('/cohorts/:id', {
    schema: { tags: ['cohorts'], operationId: 'getCohort', summary: 'One cohort with its roster counts (its college, its enterprise, coordinators, admins)', security: bearer, params: IdParams, response: { 200: Type.Ref('Cohort'), ...authedProblems(404) } }
  }, async (request) => toCohortDto(await requireVisibleCohort(app.data, request.actor, request.params.id)))

  app.post('/cohorts/:id/trainees', {
    config: { idempotent: true, location: '/v1/cohorts/:id/trainees' },
    schema: {
      tags: ['cohorts'], operationId: 'enrolTrainees', summary: 'Enrol trainees, all or none (the cohort\'s college; planned or in training; never past seats)', security: bearer,
      params: IdParams, body: EnrolBody, response: { 201: EnrolResponse, ...authedProblems(403, 404, 409, 422, { 409: ['invalid_state', 'duplicate_student_no'], 422: ['seats_exceeded'] }) }
    }
  }, async (request, reply) => {
    const rows = await enrolTrainees(app.data, request.actor, request.params.id, request.body.trainees, app.clock())
    reply.code(201)
    return { items: rows.map(toTraineeDto) }
  })

  app.get('/cohorts/:id/trainees', {
    schema: { tags: ['cohorts'], operationId: 'listTrainees', summary: "The roster in enrolment order (the cohort's college, its enterprise, the alliance's coordinators)", security: bearer, params: IdParams, querystring: TraineeListQuery, response: { 200: TraineeList, ...authedProblems(403, 404) } }
  }, async (request) => {
    const { relation, cohort } = await requireVisibleCohort(app.data, request.actor, request.params.id)
    assertRosterReader(relation)
    const { status, limit, cursor } = request.query
    const page = toPage(await listTrainees(app.data, cohort.id, status, decodeCursor(cursor), limit), limit, (r) => r.id)
    return { items: page.items.map(toTraineeDto), nextCursor: page.nextCursor }
  })

  const action = (name: Exclude<CohortAction, 'cancel' | 'start'>, summary: string) => app.post(`/cohorts/:id/${name}`, {
    schema: { tags: ['cohorts'], operationId: `${name}Cohort`, summary, security: bearer, params: IdParams, body: EmptyBody, response: { 200: Type.Ref('Cohort'), ...authedProblems(403, 404, { 409: ['invalid_state', 'trainees_still_enrolled'] }) } }
  }, async (request) => {
    await changeCohortStatus(app.data, request.actor, request.params.id, name, app.clock())
    return await cohortDto(request.params.id)
  })
  app.post('/cohorts/:id/start', {
    schema: {
      tags: ['cohorts'],
      operationId: 'startCohort',
      summary: "Start training: planned → in_training (the cohort's college); before its startDate only with {early: true}; not during its match's standstill nor while a complaint on it is pending",
      security: bearer,
      params: IdParams,
      body: StartCohortBody,
      response: { 200: Type.Ref('Cohort'), ...authedProblems(403, 404, { 409: ['invalid_state', 'too_early', 'standstill'] }) }
    }
  }, async (request) => {
    await changeCohortStatus(app.data, request.actor, request.params.id, 'start', app.clock(), undefined, request.body?.early === true)
    return await cohortDto(request.params.id)
  })
  action('complete', "Complete: in_training → completed, once no trainee is still enrolled (the cohort's college)")

  app.post('/cohorts/:id/cancel', {
    schema: { tags: ['cohorts'], operationId: 'cancelCohort', summary: "Cancel a planned or running cohort with a reason (the cohort's college)", security: bearer, params: IdParams, body: CancelCohortBody, response: { 200: Type.Ref('Cohort'), ...authedProblems(403, 404, 409, { 409: ['invalid_state'] }) } }
  }, async (request) => {
    await changeCohortStatus(app.data, request.actor, request.params.id, 'cancel', app.clock(), request.body.reason)
    return await cohortDto(request.params.id)
  })

  app.patch('/cohorts/:id/trainees/:tid', {
    schema: { tags: ['cohorts'], operationId: 'updateTraineeStatus', summary: "Mark an enrolled trainee completed or dropped while in training (the cohort's college)", security: bearer, params: TraineeParams, body: TraineePatch, response: { 200: Type.Ref('Trainee'), ...authedProblems(403, 404, 409, { 409: ['invalid_state'] }) } }
  }, async (request) => toTraineeDto(await changeTraineeStatus(app.data, request.actor, request.params.id, request.params.tid, request.body.status, app.clock())))

  app.post('/cohorts/:id/trainees/statuses', {
    schema: {
      tags: ['cohorts'],
      operationId: 'updateTraineeStatuses',
      summary: "Mark many enrolled trainees completed or dropped, all or nothing (the cohort's college, in training)",
      security: bearer,
      params: IdParams,
      body: RosterUpdatesBody,
      response: { 200: RosterUpdatesResponse, ...authedProblems(403, 404, { 409: ['invalid_state'], 422: ['duplicate_trainee'] }) }
    }
  }, async (request) => {
    const rows = await changeTraineeStatuses(app.data, request.actor, request.params.id, request.body.updates, app.clock())
    return { items: rows.map(toTraineeDto) }
  })

  app.post('/cohorts/:id/trainees/:tid/hire', {
    schema: { tags: ['cohorts'], operationId: 'hireTrainee', summary: "Hire a completed trainee (the order's enterprise)", security: bearer, params: TraineeParams, body: EmptyBody, response: { 200: Type.Ref('Trainee'), ...authedProblems(403, 404, 409, { 409: ['invalid_state'] }) } }
  }, async (request) => toTraineeDto(await changeTraineeStatus(app.data, request.actor, request.params.id, request.params.tid, 'hired', app.clock())))
}

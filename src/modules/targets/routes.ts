// Yearly target routes: an alliance's coordinators and admins set a year's targets; they and its active members read progress.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer } from '../../../schemas/common.ts'
import { TargetsBody, TargetsParams } from '../../../schemas/targets.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { targetsAccess } from './access.ts'
import { readTargets, replaceTargets } from './service.ts'

const TargetsResponse = Type.Ref('AllianceTargets')

export const targetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The year's targets and figures as of the app clock; 404 when the year has none. */
  const read = async (allianceId: string, year: number) => {
    const view = await readTargets(app.data, allianceId, year, app.clock())
    if (!view) throw notFound('targets')
    return view
  }

  app.put('/alliances/:code/targets/:year', {
    schema: {
      tags: ['alliances'],
      operationId: 'putAllianceTargets',
      summary: "Replace an alliance's targets for a calendar year (its coordinators, admins); keys left out become unset",
      security: bearer,
      params: TargetsParams,
      body: TargetsBody,
      response: {
        200: TargetsResponse,
        ...authedProblems(403, 404)
      }
    }
  }, async (request) => {
    const { code, year } = request.params
    const access = await targetsAccess(app.data, request.actor, code)
    if (!access.manages) throw forbidden("only the alliance's coordinators and admins set its targets")
    await replaceTargets(app.data, { allianceId: access.allianceId, year, targets: request.body, userId: request.actor.userId, now: app.clock() })
    return read(access.allianceId, year)
  })

  app.get('/alliances/:code/targets/:year', {
    schema: {
      tags: ['alliances'],
      operationId: 'getAllianceTargets',
      summary: "An alliance's targets for a calendar year with the report's figures, progress and mid-year check (its coordinators, admins, active members)",
      security: bearer,
      params: TargetsParams,
      response: {
        200: TargetsResponse,
        ...authedProblems(404)
      }
    }
  }, async (request) => {
    const { code, year } = request.params
    const access = await targetsAccess(app.data, request.actor, code)
    return read(access.allianceId, year)
  })
}

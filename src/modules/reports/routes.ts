// Report routes: an alliance's outcomes (its coordinators, admins) and an organization's (its members, admins), JSON or CSV.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { AllianceCodeParams } from '../../../schemas/alliances.ts'
import { ReportRangeQuery, reportResponse } from '../../../schemas/reports.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { isCoordinatorOf, requireAlliance } from '../alliances/index.ts'
import { findOrganization } from '../organizations/index.ts'
import { CSV_CONTENT_TYPE, collegesCsv, enterprisesCsv, wantsCsv } from './csv.ts'
import { buildFigures } from './figures.ts'
import { resolveRange } from './range.ts'
import { reportGroups, type OrderScope } from './repository.ts'

const sendCsv = (reply: FastifyReply, filename: string, body: string) =>
  reply.header('content-type', CSV_CONTENT_TYPE).header('content-disposition', `attachment; filename="${filename}"`).send(body)

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const figuresFor = async (scope: OrderScope, query: { from?: string | undefined, to?: string | undefined }, focusCollegeId?: string) => {
    const now = app.clock()
    const range = resolveRange(query, now)
    // One snapshot, so the order and roster figures come from the same data.
    const groups = await app.data.snapshot((ex) => reportGroups(ex, scope, range, focusCollegeId))
    return buildFigures({ from: range.from, to: range.to, generatedAt: now.toISOString() }, groups)
  }

  app.get('/reports/alliances/:code', {
    schema: {
      tags: ['reports'],
      operationId: 'getAllianceReport', summary: "An alliance's outcomes for orders published from `from` to `to` (its coordinators, admins); Accept: text/csv for the colleges breakdown",
      security: bearer,
      params: AllianceCodeParams,
      querystring: ReportRangeQuery,
      response: {
        200: reportResponse('AllianceReport', 'The colleges breakdown: id,name,seats,enrolled,completed,hired', '\uFEFFid,name,seats,enrolled,completed,hired\r\n0190c6a2-…,宁波职业技术学院,40,38,35,30\r\n'),
        ...authedProblems(403, 404, 422)
      }
    }
  }, async (request, reply) => {
    const alliance = await requireAlliance(app.data, request.params.code)
    if (request.actor.role !== 'admin' && !(await isCoordinatorOf(app.data, request.actor, alliance.id))) throw forbidden("only the alliance's coordinators and admins read its report")
    const figures = await figuresFor({ kind: 'alliance', allianceId: alliance.id }, request.query)
    reply.header('vary', 'Accept')
    if (wantsCsv(request.headers.accept)) return sendCsv(reply, `alliance-${alliance.code}-${figures.from}-${figures.to}.csv`, collegesCsv(figures))
    return { alliance: { code: alliance.code, name: alliance.name, nameZh: alliance.nameZh }, ...figures }
  })

  app.get('/reports/organizations/:id', {
    schema: {
      tags: ['reports'],
      operationId: 'getOrganizationReport', summary: "An organization's outcomes across its alliances (its members, admins); Accept: text/csv for a breakdown",
      description: 'For an enterprise: its orders published in the range and their cohorts; the CSV is the colleges breakdown. ' +
        'For a college: the orders it holds a cohort on; seats and colleges count its own cohorts, enterprises keep whole-order promise figures; the CSV is the enterprises breakdown.',
      security: bearer,
      params: IdParams,
      querystring: ReportRangeQuery,
      response: {
        200: reportResponse('OrganizationReport', 'Enterprise: id,name,seats,enrolled,completed,hired (colleges). College: id,name,promised,hired,promiseKeptRate (enterprises)', '\uFEFFid,name,promised,hired,promiseKeptRate\r\n0190c6a2-…,宁波汽车零部件有限公司,30,24,0.8\r\n'),
        ...authedProblems(403, 404, 422)
      }
    }
  }, async (request, reply) => {
    const org = await findOrganization(app.data, request.params.id)
    if (!org) throw notFound('organization')
    if (request.actor.role !== 'admin' && request.actor.organizationId !== org.id) throw forbidden("only the organization's own members and admins read its report")
    const figures = await (org.kind === 'enterprise'
      ? figuresFor({ kind: 'enterprise', organizationId: org.id }, request.query)
      : figuresFor({ kind: 'college', organizationId: org.id }, request.query, org.id))
    reply.header('vary', 'Accept')
    if (wantsCsv(request.headers.accept)) {
      const csv = org.kind === 'enterprise' ? collegesCsv(figures) : enterprisesCsv(figures)
      return sendCsv(reply, `organization-${org.id}-${figures.from}-${figures.to}.csv`, csv)
    }
    return { organization: { id: org.id, name: org.name, kind: org.kind }, ...figures }
  })
}

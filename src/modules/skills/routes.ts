// Skills vocabulary routes: the list for any signed-in user, additions by admins.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer } from '../../../schemas/common.ts'
import { CanonicalTag, CreateSkillBody, SkillList, SkillListQuery } from '../../../schemas/skills.ts'
import { requireRole } from '../../lib/actor.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { findSkillByTag, listSkills, withAliases } from './repository.ts'
import { notFound } from '../../lib/problems.ts'
import { addToVocabulary } from './service.ts'

const TAG_CURSOR = /^[a-z0-9]+(-[a-z0-9]+)*$/

export const skillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/skills', {
    schema: {
      tags: ['skills'],
      operationId: 'listSkills', summary: 'The skills vocabulary: canonical tags with their Chinese and English aliases',
      security: bearer,
      querystring: SkillListQuery,
      response: { 200: SkillList, ...authedProblems() }
    }
  }, async (request) => {
    const { limit, cursor } = request.query
    const rows = await listSkills(app.data, decodeCursor(cursor, TAG_CURSOR), limit)
    return toPage(rows, limit, (r) => r.tag)
  })

  app.get('/skills/:tag', {
    schema: {
      tags: ['skills'],
      operationId: 'getSkill',
      summary: 'One canonical skill with its aliases',
      security: bearer,
      params: Type.Object({ tag: CanonicalTag }, { additionalProperties: false }),
      response: { 200: Type.Ref('Skill'), ...authedProblems(404) }
    }
  }, async (request) => {
    const row = await findSkillByTag(app.data, request.params.tag)
    if (!row) throw notFound('skill')
    return (await withAliases(app.data, [row]))[0]!
  })

  app.post('/skills', {
    config: { idempotent: true, location: '/v1/skills/{tag}' },
    schema: {
      tags: ['skills'],
      operationId: 'addSkill', summary: 'Add a canonical skill with aliases (201), or aliases to an existing skill (200) (admin)',
      security: bearer,
      body: CreateSkillBody,
      response: { 200: Type.Ref('Skill'), 201: Type.Ref('Skill'), ...authedProblems(403, 409, 422, { 409: ['duplicate_skill', 'duplicate_alias'], 422: ['alias_empty', 'skill_names_required'] }) }
    }
  }, async (request, reply) => {
    requireRole(request.actor, 'admin')
    const { created, skill } = await addToVocabulary(app.data, request.body, app.clock())
    reply.code(created ? 201 : 200)
    return skill
  })
}

// Health routes: /health says the process is up, /ready says the database answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems } from '../../../schemas/common.ts'
import { HttpProblem } from '../../lib/problems.ts'

const Status = Type.Object({ status: Type.String({ maxLength: 20 }) })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: { tags: ['health'], operationId: 'getHealth', summary: 'Process is up', security: [], response: { 200: Status, ...problems() } }
  }, async () => ({ status: 'ok' }))

  app.get('/ready', {
    schema: { tags: ['health'], operationId: 'getReadiness', summary: 'Database is reachable', security: [], response: { 200: Status, ...problems({ 503: ['not_ready'] }) } }
  }, async () => {
    try {
      await app.data.ping()
    } catch {
      throw new HttpProblem(503, 'not_ready', 'the database cannot be read', { headers: { 'retry-after': '5' } })
    }
    return { status: 'ready' }
  })
}

export default routes

// Database plugin: opens the configured engine, applies migrations, brings the search index to the code's term rules, closes on shutdown.
import fp from 'fastify-plugin'
import type { DataLayer } from '../../db/executor.ts'
import { openDataLayer } from '../../db/open.ts'
import { rebuildSearchIndex } from '../modules/orders/search-index.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The data layer: reads and single statements directly, write transactions through `data.write`. */
    data: DataLayer
  }
}

export default fp(async (app) => {
  const data = await openDataLayer(app.config, (error) => app.log.warn({ err: error }, 'an idle database connection failed'))
  app.addHook('onClose', () => data.close())
  const reindexed = await rebuildSearchIndex(data)
  if (reindexed !== undefined && reindexed > 0) app.log.info({ orders: reindexed }, 'search index rebuilt for the current term rules')
  app.decorate('data', data)
}, { name: 'database', dependencies: ['config'] })

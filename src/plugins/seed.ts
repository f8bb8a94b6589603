// Seed plugin: reference data always, the bootstrap admin when configured, demo data on a fresh database.
import fp from 'fastify-plugin'
import { seedReferenceData } from '../seed/reference.ts'
import { seedAdmin } from '../seed/admin.ts'
import { seedDemoData } from '../seed/demo.ts'

export default fp(async (app) => {
  const at = app.clock()
  const hash = (password: string) => app.passwords.hash('user_create', password)
  await seedReferenceData(app.data, at)
  if (app.config.ADMIN_EMAIL && app.config.ADMIN_PASSWORD) {
    if (await seedAdmin(app.data, app.config.ADMIN_EMAIL, app.config.ADMIN_PASSWORD, hash, at)) {
      app.log.info({ email: app.config.ADMIN_EMAIL }, 'bootstrap admin created')
    }
  }
  if (app.config.DEMO_DATA && !app.config.isProduction) {
    const seeded = await seedDemoData(app.data, { hash, now: at, standstillSeconds: app.config.STANDSTILL_SECONDS })
    if (seeded) app.log.info('demo data seeded; see README for the demo logins')
  }
}, { name: 'seed', dependencies: ['database', 'config', 'passwords'] })

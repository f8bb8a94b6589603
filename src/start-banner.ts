// The log line a start ends with: where the console and the API docs are and, on demo data, how to log in.
import type { FastifyInstance } from 'fastify'
import { DEMO_ADMIN, DEMO_PASSWORD } from './seed/demo.ts'

export type StartBanner = { msg: string, fields: { console: string, docs: string, demoLogin?: string, demoPassword?: string } }

/** `http://0.0.0.0:3000` (every interface) is shown as localhost, the address a browser on the machine opens. */
export function browsableUrl (address: string): string {
  return address.replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=:)/, '$1localhost').replace(/\/$/, '')
}

export function startBanner (address: string, demo: boolean): StartBanner {
  const base = browsableUrl(address)
  const fields: StartBanner['fields'] = { console: `${base}/`, docs: `${base}/docs` }
  let msg = `Talent Orders is up: console ${fields.console}, API docs ${fields.docs}`
  if (demo) {
    fields.demoLogin = DEMO_ADMIN.email
    fields.demoPassword = DEMO_PASSWORD
    msg += `; demo data: log in as ${DEMO_ADMIN.email} (or any demo account) with the password ${DEMO_PASSWORD}`
  }
  return { msg, fields }
}

/** Whether this database holds the demo accounts (never in production, where no demo data is seeded). */
export async function hasDemoData (app: FastifyInstance): Promise<boolean> {
  if (app.config.isProduction) return false
  return await app.data.get('select 1 as found from users where email = @email', { email: DEMO_ADMIN.email }) !== undefined
}

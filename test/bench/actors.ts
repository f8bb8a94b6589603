// Logs the bench users in through /v1/auth/login, walks the list for page cursors, and pairs bidders with open orders.
import { isDeepStrictEqual } from 'node:util'
import type { Manifest } from './generate.ts'
import type { AllianceCode } from './generate-organizations.ts'
import type { Actors, Target } from './scenarios.ts'
import { ALLIANCE_CODES } from './vocabulary.ts'

export const LOGINS_PER_ALLIANCE = { colleges: 5, bidders: 10, enterprises: 5 } as const
const CURSOR_PAGES = 30

async function login (url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}

/** Page cursors 2..CURSOR_PAGES of the open-orders list of each alliance, as the server encodes them. */
async function walkCursors (url: string, colleges: Actors['colleges']): Promise<Record<AllianceCode, string[]>> {
  const cursors = { equipment: [], petrochemical: [], aluminum: [] } as Record<AllianceCode, string[]>
  for (const code of ALLIANCE_CODES) {
    const token = colleges.find((c) => c.code === code)?.token
    if (!token) continue
    let cursor: string | null = null
    for (let page = 1; page < CURSOR_PAGES; page++) {
      const query: string = cursor ? `&cursor=${cursor}` : ''
      const response = await fetch(`${url}/v1/orders?status=open&alliance=${code}&limit=20${query}`, { headers: { authorization: `Bearer ${token}` } })
      if (response.status !== 200) throw new Error(`listing ${code} answered ${response.status}: ${await response.text()}`)
      cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor
      if (!cursor) break
      cursors[code].push(cursor)
    }
  }
  return cursors
}

/**
 * Logs in, one at a time (each scrypt check at N=2^17 takes 128 MiB in the server), the users each
 * scenario acts as; tokens are accepted by both servers, which share the JWT secret.
 */
export async function prepareActors (manifest: Manifest, appUrl: string, referenceUrl: string, onLogin: () => void): Promise<Actors> {
  const logins = async (lists: Record<AllianceCode, string[]>, count: number) => {
    const out: { code: AllianceCode, token: string }[] = []
    for (const code of ALLIANCE_CODES) {
      for (const email of lists[code].slice(0, count)) {
        out.push({ code, token: await login(appUrl, email, manifest.password) })
        onLogin()
      }
    }
    return out
  }
  const colleges = await logins(manifest.collegeLogins, LOGINS_PER_ALLIANCE.colleges)
  const enterprises = await logins(manifest.enterpriseLogins, LOGINS_PER_ALLIANCE.enterprises)
  const bidders = await logins(manifest.bidderLogins, LOGINS_PER_ALLIANCE.bidders)
  const coordinators = await logins(Object.fromEntries(ALLIANCE_CODES.map((c) => [c, [manifest.coordinators[c]]])) as Record<AllianceCode, string[]>, 1)

  // Fresh pairs: the reserved bidders never bid on a generated order. Successive requests go to different orders.
  const perAlliance = ALLIANCE_CODES.map((code) => {
    const open = manifest.open[code]
    const mine = bidders.filter((b) => b.code === code)
    return mine.flatMap((_, round) => open.map((order, j) => ({ token: mine[(round + j) % mine.length]!.token, order })))
  })
  const bidPairs: Actors['bidPairs'] = []
  for (let i = 0; perAlliance.some((pairs) => i < pairs.length); i++) {
    for (const pairs of perAlliance) if (i < pairs.length) bidPairs.push(pairs[i]!)
  }
  const cursors: Record<Target, Record<AllianceCode, string[]>> = {
    app: await walkCursors(appUrl, colleges),
    reference: await walkCursors(referenceUrl, colleges)
  }
  return { colleges, enterprises, coordinators, bidPairs, cursors }
}

export const loginCount = () => ALLIANCE_CODES.length * (LOGINS_PER_ALLIANCE.colleges + LOGINS_PER_ALLIANCE.bidders + LOGINS_PER_ALLIANCE.enterprises + 1)

/** Checks that the reference serves what the app serves: the same pages of the list, the same body for a point read. */
export async function compareWithReference (manifest: Manifest, actors: Actors, appUrl: string, referenceUrl: string): Promise<string[]> {
  const problems: string[] = []
  for (const code of ALLIANCE_CODES) {
    if (!isDeepStrictEqual(actors.cursors.app[code], actors.cursors.reference[code])) problems.push(`list pages of ${code} differ between the app and the reference`)
  }
  const college = actors.colleges[0]!
  const id = manifest.visibleSample[college.code][0]
  const read = async (url: string) => (await fetch(`${url}/v1/orders/${id}`, { headers: { authorization: `Bearer ${college.token}` } })).json()
  if (!isDeepStrictEqual(await read(appUrl), await read(referenceUrl))) problems.push(`GET /v1/orders/${id} differs between the app and the reference`)
  return problems
}

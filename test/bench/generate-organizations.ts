// Generator step 1: colleges and enterprises with one user each, coordinators, an admin, and memberships.
import type BetterSqlite3 from 'better-sqlite3'
import { coordinatorAlliances, memberships, organizations, users } from '../../db/schema/index.ts'
import { newId } from '../../src/lib/ids.ts'
import { normalizeEmail } from '../../src/modules/accounts/users-repository.ts'
import { batched, inserter } from './bulk-insert.ts'
import type { Rng } from './prng.ts'
import {
  ALLIANCE_CODES, CITIES, COLLEGE_SUFFIXES, COLLEGE_WORDS, ENTERPRISE_EN, ENTERPRISE_SUFFIXES,
  ENTERPRISE_WORDS, INDUSTRIES, OCCUPATIONS
} from './vocabulary.ts'

export type AllianceCode = typeof ALLIANCE_CODES[number]
export type OrgRef = { id: string, userId: string, email: string }

/** Who is an active member where; index 0..reserved-1 of each college list are kept free of generated bids. */
export type Population = {
  collegesByAlliance: Record<AllianceCode, OrgRef[]>
  enterprisesByAlliance: Record<AllianceCode, OrgRef[]>
  coordinators: Record<AllianceCode, OrgRef>
  admin: OrgRef
}

const DOMAIN = 'bench.talent-orders.cn'
const ALLIANCE_WEIGHTS: Record<AllianceCode, number> = { equipment: 45, petrochemical: 25, aluminum: 30 }

export async function generateOrganizations (
  sqlite: BetterSqlite3.Database,
  options: { colleges: number, enterprises: number, passwordHash: string, allianceIds: Record<AllianceCode, string>, startMs: number, rng: Rng, onProgress: (done: number) => void }
): Promise<Population> {
  const { rng, allianceIds, passwordHash } = options
  const insertOrganization = inserter(sqlite, organizations)
  const insertUser = inserter(sqlite, users)
  const insertMembership = inserter(sqlite, memberships)
  const insertCoordinatorAlliance = inserter(sqlite, coordinatorAlliances)
  const at = new Date(options.startMs).toISOString()
  const population: Population = {
    collegesByAlliance: { equipment: [], petrochemical: [], aluminum: [] },
    enterprisesByAlliance: { equipment: [], petrochemical: [], aluminum: [] },
    coordinators: {} as Record<AllianceCode, OrgRef>,
    admin: { id: '', userId: '', email: '' }
  }
  const addUser = (email: string, name: string, role: 'enterprise' | 'college' | 'coordinator' | 'admin', organizationId: string | null) => {
    const id = newId(options.startMs)
    insertUser({ id, email, emailNormalized: normalizeEmail(email), passwordHash, name, role, organizationId, orgRole: organizationId === null ? null : 'owner', status: 'active', lastLoginAt: null, createdAt: at, passwordChangedAt: null })
    return id
  }

  sqlite.transaction(() => {
    population.admin = { id: '', userId: addUser(`admin@${DOMAIN}`, '平台管理员 Bench Admin', 'admin', null), email: `admin@${DOMAIN}` }
    for (const code of ALLIANCE_CODES) {
      const email = `coordinator-${code}@${DOMAIN}`
      const userId = addUser(email, `协调员 ${code}`, 'coordinator', null)
      insertCoordinatorAlliance({ userId, allianceId: allianceIds[code] })
      population.coordinators[code] = { id: '', userId, email }
    }
  })()

  const total = options.colleges + options.enterprises
  await batched(sqlite, total, 5000, (i) => {
    const isCollege = i < options.colleges
    const n = isCollege ? i : i - options.colleges
    const kind = isCollege ? 'college' : 'enterprise'
    const primary = rng.weighted(ALLIANCE_WEIGHTS)
    const city = rng.pick(CITIES)
    const id = newId(options.startMs)
    const skills = OCCUPATIONS[primary]!.flatMap((o) => o.skills)
    const name = isCollege
      ? `${city.zh}${rng.pick(COLLEGE_WORDS)}${rng.pick(COLLEGE_SUFFIXES)}${n % 7 === 0 ? '' : `（${n}）`}`
      : rng.chance(0.8)
        ? `${city.zh}${rng.pick(ENTERPRISE_WORDS)}${rng.pick(ENTERPRISE_SUFFIXES)}（${n}）`
        : `${city.en} ${rng.pick(ENTERPRISE_EN)} Industries No. ${n}`
    insertOrganization({
      id, kind, name, city: city.zh, description: isCollege ? `${city.zh}的职业院校 / a vocational school in ${city.en}` : `${city.en} manufacturer`,
      specialties: isCollege ? rng.sample([...new Set(skills)], rng.int(2, 5)) : null,
      annualCapacity: isCollege ? rng.int(8, 150) * 10 : null,
      industry: isCollege ? null : rng.pick(INDUSTRIES),
      createdAt: at, updatedAt: at
    })
    const email = `${kind}-${n}@${DOMAIN}`
    const userId = addUser(email, `${kind === 'college' ? '招生办' : '人事部'} ${n}`, kind, id)
    const ref: OrgRef = { id, userId, email }
    const lists = isCollege ? population.collegesByAlliance : population.enterprisesByAlliance
    const join = (code: AllianceCode, status: 'active' | 'pending' | 'rejected') => {
      insertMembership({
        id: newId(options.startMs), organizationId: id, allianceId: allianceIds[code], status,
        reason: status === 'rejected' ? '不符合联盟行业范围 / outside the alliance industries' : null,
        requestedBy: userId, decidedBy: status === 'pending' ? null : population.coordinators[code].userId,
        decidedAt: status === 'pending' ? null : at, createdAt: at
      })
      if (status === 'active') lists[code].push(ref)
    }
    join(primary, 'active')
    if (rng.chance(isCollege ? 0.3 : 0.15)) {
      const second = rng.pick(ALLIANCE_CODES.filter((c) => c !== primary))
      join(second, rng.weighted({ active: 85, pending: 10, rejected: 5 }))
    }
  }, options.onProgress)
  return population
}

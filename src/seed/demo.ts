// Demo data for a fresh database outside production: coordinators, enterprises, colleges and memberships.
import { sql } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../db/executor.ts'
import { alliances, coordinatorAlliances, memberships, organizations } from '../../db/schema/index.ts'
import { newId } from '../lib/ids.ts'
import { findUserByEmail, insertUser } from '../modules/accounts/users-repository.ts'
import { insertOrganization } from '../modules/organizations/repository.ts'
import type { OrganizationInputDto } from '../../schemas/identity.ts'
import { seedDemoMarket } from './demo-market.ts'
import { seedDemoTendering } from './demo-tendering.ts'
import { seedDemoHistory } from './demo-history.ts'
import { withinTransaction } from './within-transaction.ts'

export const DEMO_PASSWORD = 'demo-Talent-2026!'

type DemoOrg = { key: string, email: string, userName: string, alliances: string[], org: OrganizationInputDto }

export const DEMO_ADMIN = { email: 'admin@demo.talent-orders.cn', name: '平台管理员 Platform Admin' }
export const DEMO_COORDINATORS = [
  { email: 'coordinator.equipment@demo.talent-orders.cn', name: '王协调 Wang (equipment)', alliance: 'equipment' },
  { email: 'coordinator.petrochemical@demo.talent-orders.cn', name: '李协调 Li (petrochemical)', alliance: 'petrochemical' },
  { email: 'coordinator.aluminum@demo.talent-orders.cn', name: '赵协调 Zhao (aluminum)', alliance: 'aluminum' }
]

export const DEMO_ORGANIZATIONS: DemoOrg[] = [
  { key: 'autoparts', email: 'hr@autoparts.demo.talent-orders.cn', userName: '陈经理 Chen', alliances: ['equipment'], org: { kind: 'enterprise', name: '宁波精工汽车零部件有限公司', city: '宁波', industry: 'auto parts', description: '汽车变速箱壳体与精密零部件加工 / Gearbox housings and precision auto parts.' } },
  { key: 'chemicals', email: 'hr@chemicals.demo.talent-orders.cn', userName: '周主管 Zhou', alliances: ['petrochemical'], org: { kind: 'enterprise', name: '镇海芳烃精细化工股份公司', city: '宁波', industry: 'fine chemicals', description: '芳烃及下游精细化学品 / Aromatics and downstream fine chemicals.' } },
  { key: 'alloy', email: 'hr@alloy.demo.talent-orders.cn', userName: '孙主任 Sun', alliances: ['aluminum', 'equipment'], org: { kind: 'enterprise', name: 'Northbay Aluminum Alloy Co.', city: 'Ningbo', industry: 'aluminum processing', description: 'Extrusion and heat treatment of aluminum alloy profiles.' } },
  { key: 'polytechnic', email: 'admissions@polytechnic.demo.talent-orders.cn', userName: '刘老师 Liu', alliances: ['equipment', 'aluminum'], org: { kind: 'college', name: '宁波机电职业技术学院', city: '宁波', specialties: ['数控', '焊接', 'PLC', '质量检测'], annualCapacity: 600, description: '装备制造类专业群 / Equipment manufacturing programs.' } },
  { key: 'chemcollege', email: 'admissions@chemcollege.demo.talent-orders.cn', userName: '吴老师 Wu', alliances: ['petrochemical'], org: { kind: 'college', name: '镇海化工职业学院', city: '宁波', specialties: ['化工操作', 'safety', 'laboratory-analysis'], annualCapacity: 400, description: '化工工艺与安全 / Chemical process and safety.' } },
  { key: 'techschool', email: 'office@techschool.demo.talent-orders.cn', userName: 'Ms. Huang', alliances: ['equipment'], org: { kind: 'college', name: 'Eastport Technical School', city: 'Zhoushan', specialties: ['welding', 'cnc-machining', 'assembly'], annualCapacity: 250, description: 'Short vocational programs in welding and machining.' } }
]

/** More people of a demo organization (its owner is the login above): a manager and a member of the auto parts maker. */
export const DEMO_TEAM: { organization: string, email: string, name: string, orgRole: 'manager' | 'member' }[] = [
  { organization: 'autoparts', email: 'manager@autoparts.demo.talent-orders.cn', name: '何经理 He', orgRole: 'manager' },
  { organization: 'autoparts', email: 'staff@autoparts.demo.talent-orders.cn', name: '林专员 Lin', orgRole: 'member' }
]

export type DemoIdentities = {
  adminId: string
  coordinatorIds: Record<string, string>
  organizations: Record<string, { organizationId: string, userId: string }>
  allianceIds: Record<string, string>
}

async function seedIdentities (tx: Executor, passwordHash: string, at: Date): Promise<DemoIdentities> {
  const rows = await tx.orm.select({ id: alliances.id, code: alliances.code }).from(alliances).all()
  const allianceIds = Object.fromEntries(rows.map((a) => [a.code, a.id]))
  // ADMIN_EMAIL may name the demo admin: it was created just before, with the configured password.
  const admin = await findUserByEmail(tx, DEMO_ADMIN.email) ?? await insertUser(tx, { email: DEMO_ADMIN.email, name: DEMO_ADMIN.name, role: 'admin', organizationId: null, passwordHash }, at)
  const coordinatorIds: Record<string, string> = {}
  for (const c of DEMO_COORDINATORS) {
    const user = await insertUser(tx, { email: c.email, name: c.name, role: 'coordinator', organizationId: null, passwordHash }, at)
    await tx.orm.insert(coordinatorAlliances).values({ userId: user.id, allianceId: allianceIds[c.alliance]! }).run()
    coordinatorIds[c.alliance] = user.id
  }
  const orgs: DemoIdentities['organizations'] = {}
  for (const d of DEMO_ORGANIZATIONS) {
    const org = await insertOrganization(tx, d.org, at)
    const user = await insertUser(tx, { email: d.email, name: d.userName, role: d.org.kind, organizationId: org.id, passwordHash }, at)
    for (const code of d.alliances) {
      await tx.orm.insert(memberships).values({ id: newId(at.getTime()), organizationId: org.id, allianceId: allianceIds[code]!, status: 'active', requestedBy: user.id, decidedBy: coordinatorIds[code] ?? null, decidedAt: at.toISOString(), createdAt: at.toISOString() }).run()
    }
    orgs[d.key] = { organizationId: org.id, userId: user.id }
  }
  for (const person of DEMO_TEAM) {
    const org = orgs[person.organization]!
    const kind = DEMO_ORGANIZATIONS.find((d) => d.key === person.organization)!.org.kind
    await insertUser(tx, { email: person.email, name: person.name, role: kind, organizationId: org.organizationId, orgRole: person.orgRole, passwordHash }, at)
  }
  return { adminId: admin.id, coordinatorIds, organizations: orgs, allianceIds }
}

const organizationCount = async (ex: Executor) =>
  Number((await ex.orm.select({ n: sql<number>`count(*)` }).from(organizations).get())?.n ?? 0)

/** Seeds the demo world when the database has no organizations yet; returns whether it did. `standstillSeconds`: STANDSTILL_SECONDS. */
export async function seedDemoData (data: DataLayer, options: { hash: (password: string) => Promise<string>, now: Date, standstillSeconds: number }): Promise<boolean> {
  if (await organizationCount(data) > 0) return false
  const passwordHash = await options.hash(DEMO_PASSWORD)
  return data.write(async (tx) => {
    if (await organizationCount(tx) > 0) return false
    const ids = await seedIdentities(tx, passwordHash, options.now)
    // The market's use cases run inside this transaction: the demo world is seeded whole or not at all.
    const within = withinTransaction(tx)
    // Last season first, so that its rows sort before (are older than) today's market.
    await seedDemoHistory(within, ids, options.now)
    const orders = await seedDemoMarket(within, ids, options.now)
    await seedDemoTendering(within, ids, orders, options.now, options.standstillSeconds)
    return true
  })
}

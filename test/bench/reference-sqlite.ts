// The reference's store on the SQLite file: better-sqlite3 with the app's pragmas, prepared statements, one transaction a create.
import BetterSqlite3 from 'better-sqlite3'
import { orderSearchKey } from '../../db/sqlite/search-key.ts'
import { INSERT_COLUMNS, MEMBER_STATUSES, ORDER_JOINS, insertValues, orderColumns, type Member, type NewOrder, type OrderRow, type ReferenceStore } from './reference-store.ts'

export function sqliteStore (path: string): ReferenceStore {
  const sqlite = new BetterSqlite3(path)
  // The pragmas db/sqlite/data-layer.ts openSqliteConnection sets for the app.
  for (const pragma of ['busy_timeout = 5000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'cache_size = -65536', 'temp_store = MEMORY']) sqlite.pragma(pragma)
  const COLUMNS = orderColumns('@now')
  const alliances = new Map(sqlite.prepare<[], { id: string, code: string }>('select id, code from alliances').all().map((a) => [a.code, a.id]))
  const membership = sqlite.prepare<{ user: string, alliance: string }, Member>(`select u.organization_id as org, g.kind
    from users u join memberships m on m.organization_id = u.organization_id and m.alliance_id = @alliance and m.status = 'active'
    join organizations g on g.id = u.organization_id where u.id = @user`)
  const listOpen = sqlite.prepare<Record<string, unknown>, OrderRow>(`select ${COLUMNS} from orders o ${ORDER_JOINS}
    where o.alliance_id = @alliance and o.status = 'open' and +o.bid_deadline > @now and o.id < @before order by o.id desc limit @limit`)
  const readVisible = sqlite.prepare<Record<string, unknown>, OrderRow>(`select ${COLUMNS} from orders o ${ORDER_JOINS}
    join users u on u.id = @user join memberships m on m.organization_id = u.organization_id and m.alliance_id = o.alliance_id and m.status = 'active'
    where o.id = @id and o.status in ${MEMBER_STATUSES}`)
  const insertOrder = sqlite.prepare(`insert into orders (${INSERT_COLUMNS}) values (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertTerms = sqlite.prepare('insert into order_search (rowid, terms, order_id) values (?, ?, ?)')
  const insertSkill = sqlite.prepare('insert into order_skills (skill, order_id) values (?, ?)')
  const canonical = sqlite.prepare<[string], { tag: string }>('select s.tag from skill_aliases a join skills s on s.id = a.skill_id where a.alias = ?')
  const readOwn = sqlite.prepare<Record<string, unknown>, OrderRow>(`select ${COLUMNS} from orders o ${ORDER_JOINS} where o.id = @id`)
  const create = sqlite.transaction((order: NewOrder) => {
    insertOrder.run(...insertValues(order), order.now)
    insertTerms.run(orderSearchKey(order.id), order.terms.join(' '), order.id)
    for (const skill of order.skills) insertSkill.run(skill, order.id)
    return readOwn.get({ id: order.id, now: order.now })!
  })
  return {
    allianceId: (code) => alliances.get(code),
    membership: async (user, alliance) => membership.get({ user, alliance }),
    canonicalTag: async (alias) => canonical.get(alias)?.tag,
    listOpen: async (q) => listOpen.all({ alliance: q.allianceId, now: q.now, before: q.before, limit: q.limit }),
    readVisible: async (q) => readVisible.get({ id: q.id, user: q.userId, now: q.now }),
    create: async (order) => create(order),
    close: async () => { sqlite.close() }
  }
}

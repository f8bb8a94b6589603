// The reference's store on PostgreSQL: the app's driver (pg) and row parsers, named prepared statements, one transaction a create.
import pg from 'pg'
import { rowTypes } from '../../db/pg/types.ts'
import { INSERT_COLUMNS, MEMBER_STATUSES, ORDER_JOINS, insertValues, orderColumns, type Member, type OrderRow, type ReferenceStore } from './reference-store.ts'

export async function pgStore (url: string, poolSize: number): Promise<ReferenceStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: rowTypes })
  const alliances = new Map((await pool.query<{ id: string, code: string }>('select id, code from alliances')).rows.map((a) => [a.code, a.id]))
  // Each text is prepared once per connection under its name (pg's `name`), then only executed.
  const statements = {
    membership: `select u.organization_id as org, g.kind
      from users u join memberships m on m.organization_id = u.organization_id and m.alliance_id = $2 and m.status = 'active'
      join organizations g on g.id = u.organization_id where u.id = $1`,
    listOpen: `select ${orderColumns('$2')} from orders o ${ORDER_JOINS}
      where o.alliance_id = $1 and o.status = 'open' and o.bid_deadline > $2 and o.id < $3 order by o.id desc limit $4`,
    readVisible: `select ${orderColumns('$3')} from orders o ${ORDER_JOINS}
      join users u on u.id = $2 join memberships m on m.organization_id = u.organization_id and m.alliance_id = o.alliance_id and m.status = 'active'
      where o.id = $1 and o.status in ${MEMBER_STATUSES}`,
    insertOrder: `insert into orders (${INSERT_COLUMNS}, search_terms)
      values ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21)`,
    canonical: 'select s.tag from skill_aliases a join skills s on s.id = a.skill_id where a.alias = $1',
    insertSkill: 'insert into order_skills (skill, order_id) values ($1, $2)',
    readOwn: `select ${orderColumns('$2')} from orders o ${ORDER_JOINS} where o.id = $1`
  }
  type Name = keyof typeof statements
  const run = async <T extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, name: Name, values: unknown[]) =>
    (await client.query<T>({ name, text: statements[name], values })).rows
  return {
    allianceId: (code) => alliances.get(code),
    membership: async (user, alliance) => (await run<Member>(pool, 'membership', [user, alliance]))[0],
    canonicalTag: async (alias) => (await run<{ tag: string }>(pool, 'canonical', [alias]))[0]?.tag,
    listOpen: async (q) => run<OrderRow>(pool, 'listOpen', [q.allianceId, q.now, q.before, q.limit]),
    readVisible: async (q) => (await run<OrderRow>(pool, 'readVisible', [q.id, q.userId, q.now]))[0],
    create: async (order) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        await run(client, 'insertOrder', [...insertValues(order), order.terms])
        for (const skill of order.skills) await run(client, 'insertSkill', [skill, order.id])
        const [row] = await run<OrderRow>(client, 'readOwn', [order.id, order.now])
        await client.query('commit')
        return row!
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end()
  }
}

// SQLite-style placeholders rewritten for PostgreSQL: named and positional, quoted text untouched, mixing refused.
import t from 'tap'
import { pgValues, toPgStatement } from '../../db/pg/placeholders.ts'

t.test('named parameters become $1…$n in order of first use, and their values follow those names', async (t) => {
  const statement = toPgStatement('select * from orders where alliance_id = @allianceId and status = @status')
  t.equal(statement.text, 'select * from orders where alliance_id = $1 and status = $2')
  t.same(statement.names, ['allianceId', 'status'])
  t.same(pgValues(statement, { status: 'open', allianceId: 'a1', unused: 'ignored' }), ['a1', 'open'])
})

t.test('a name used twice is one parameter', async (t) => {
  const statement = toPgStatement('update rate_limits set count = case when reset_at <= @now then 1 else count + 1 end, reset_at = case when reset_at <= @now then @resetAt else reset_at end where key = @key')
  t.equal(statement.text, 'update rate_limits set count = case when reset_at <= $1 then 1 else count + 1 end, reset_at = case when reset_at <= $1 then $2 else reset_at end where key = $3')
  t.same(statement.names, ['now', 'resetAt', 'key'])
  t.same(pgValues(statement, { key: 'k', now: 10, resetAt: 70 }), [10, 70, 'k'])
})

t.test('positional parameters are numbered from the left, values taken as given', async (t) => {
  const statement = toPgStatement('select email from users where id = ? and role = ? limit 1')
  t.equal(statement.text, 'select email from users where id = $1 and role = $2 limit 1')
  t.equal(statement.names, undefined)
  t.same(pgValues(statement, ['u1', 'admin']), ['u1', 'admin'])
})

t.test('placeholders inside quoted strings and quoted identifiers are text, not parameters', async (t) => {
  const quoted = (x: string) => `select 'a?b @c' as "what?", "@odd" from t where x = ${x} and note = 'it''s ? here'`
  const statement = toPgStatement(quoted('@x'))
  t.equal(statement.text, quoted('$1'))
  t.same(statement.names, ['x'])
  const positional = toPgStatement('select \'?\' as q, "?" from t where a = ?')
  t.equal(positional.text, 'select \'?\' as q, "?" from t where a = $1')
})

t.test('an @ not followed by a name, and text without placeholders, pass through', async (t) => {
  t.equal(toPgStatement('select 1 @ 2').text, 'select 1 @ 2')
  const plain = toPgStatement('select count(*) as n from alliances')
  t.equal(plain.text, 'select count(*) as n from alliances')
  t.equal(plain.names, undefined)
  t.same(pgValues(plain, undefined), [])
})

t.test('mixing named and positional parameters in one text is refused', async (t) => {
  t.throws(() => toPgStatement('select * from users where id = @id and role = ?'), /mixes named/)
})

t.test('a missing named parameter is an error; booleans go in as 1 and 0, undefined as null', async (t) => {
  const statement = toPgStatement('select @a as a, @b as b, @c as c')
  t.throws(() => pgValues(statement, { a: 1, b: 2 }), /missing SQL parameter @c/)
  t.same(pgValues(statement, { a: true, b: false, c: undefined }), [1, 0, null])
  t.same(pgValues(toPgStatement('select ?, ?, ?'), [true, false, undefined]), [1, 0, null])
})

t.test('the same text gives the same statement (cached)', async (t) => {
  const text = 'select id from orders where id = @id'
  t.equal(toPgStatement(text), toPgStatement(text))
})

// `npm run db:copy -- --from FILE --to postgres://… [--replace]`: moves a SQLite database to PostgreSQL and checks the counts.
import { parseArgs } from 'node:util'
import { CopyRefused, copySqliteToPostgres, type TableCount } from './sqlite-to-postgres.ts'

const USAGE = 'usage: npm run db:copy -- --from ./data/marketplace.db --to postgres://USER:PASSWORD@HOST:5432/DB [--replace] [--batch ROWS]\n' +
  '  (defaults: --from $DATABASE_PATH, --to $DATABASE_URL)\n'

/** The target without its password, for the output. */
const safeUrl = (url: string) => {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ''}${parsed.host}${parsed.pathname}`
  } catch {
    return '(the given URL)'
  }
}

function table (rows: TableCount[]): string {
  const width = Math.max(5, ...rows.map((r) => r.table.length))
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(width)}  ${b.padStart(10)}  ${c.padStart(10)}  ${d}`
  return [line('table', 'sqlite', 'postgres', ''), ...rows.map((r) => line(r.table, String(r.sqlite), String(r.postgres), r.sqlite === r.postgres ? 'ok' : 'MISMATCH'))].join('\n')
}

async function main (): Promise<number> {
  let values
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, replace: { type: 'boolean', default: false }, batch: { type: 'string' }, help: { type: 'boolean', default: false } } }))
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const from = values.from ?? process.env['DATABASE_PATH']
  const to = values.to ?? process.env['DATABASE_URL']
  const batchRows = values.batch === undefined ? undefined : Number(values.batch)
  if (values.help || !from || !to || !/^postgres(ql)?:\/\//.test(to) || (batchRows !== undefined && !(Number.isInteger(batchRows) && batchRows > 0))) {
    process.stderr.write(USAGE)
    return values.help ? 0 : 2
  }
  process.stderr.write(`db:copy: ${from} -> ${safeUrl(to)}\n`)
  const result = await copySqliteToPostgres({
    from, to, replace: values.replace, ...(batchRows ? { batchRows } : {}), log: (line) => process.stderr.write(`  ${line}\n`)
  })
  process.stdout.write(`${table(result.tables)}\n`)
  if (result.skipped.length > 0) process.stdout.write(`skipped (SQLite only): ${result.skipped.join(', ')}\n`)
  if (!result.committed) {
    process.stdout.write(`row counts differ in ${result.mismatches.map((m) => m.table).join(', ')}: rolled back, nothing was written\n`)
    return 1
  }
  process.stdout.write(`copied ${result.tables.reduce((sum, t) => sum + t.postgres, 0)} rows in ${result.tables.length} tables in ${result.seconds.toFixed(1)} s; counts match\n`)
  return 0
}

main().then((code) => process.exit(code), (error: unknown) => {
  const message = error instanceof CopyRefused ? error.message : String((error as Error).stack ?? error)
  process.stderr.write(`db:copy failed: ${message}\n`)
  process.exit(1)
})

// The throw-away PostgreSQL provisioner: loopback only, UTF8 with byte-order collation, pg_trgm, and nothing left behind.
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { startThrowawayPostgres } from '../support/postgres-cluster.ts'
import { hydrateSymlinks } from '../support/postgres-binaries.ts'
import { createTestDatabase, migratedTemplate, clusterUrl } from '../support/postgres-database.ts'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Waits (polling) until `condition` holds; fails the test if it never does within `limitMs`. */
async function eventually (condition: () => boolean, limitMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + limitMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await sleep(100)
  }
  return true
}

const query = async <T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

t.test('a cluster listens on 127.0.0.1 only, UTF8 with C collation and a Unicode ctype, and pg_trgm sees CJK', async (t) => {
  const cluster = await startThrowawayPostgres()
  t.teardown(() => cluster.stop())
  t.match(cluster.url, /^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/postgres$/)
  const [settings] = await query<Record<string, string>>(cluster.url, `select current_setting('server_version_num') as version,
    current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as sockets,
    pg_encoding_to_char(encoding) as encoding, datcollate, datctype from pg_database where datname = current_database()`)
  t.ok(Number(settings?.['version']) >= 150000, 'PostgreSQL 15 or later')
  t.match(settings, { listen: '127.0.0.1', sockets: '', encoding: 'UTF8', datcollate: 'C', datctype: 'C.UTF-8' })
  const client = new pg.Client({ connectionString: cluster.url })
  await client.connect()
  t.teardown(() => client.end())
  await client.query('create extension if not exists pg_trgm')
  const trigrams = (await client.query<{ n: number }>("select cardinality(show_trgm('焊工')) as n")).rows[0]?.n
  t.ok((trigrams ?? 0) > 0, 'CJK characters are word characters for pg_trgm (a C ctype would drop them)')
  const sorted = (await client.query<{ s: string }>("select string_agg(x, ',' order by x) as s from unnest(array['b', 'B', 'a', '焊', 'é']) x")).rows[0]?.s
  t.equal(sorted, 'B,a,b,é,焊', 'byte (code point) order, as SQLite BINARY sorts')
})

t.test('stop() ends every postgres process and deletes the data directory', async (t) => {
  const cluster = await startThrowawayPostgres()
  const pid = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  t.ok(alive(pid), 'postmaster running')
  await cluster.stop()
  await cluster.stop()
  t.notOk(alive(pid), 'postmaster gone once stop() resolves')
  t.notOk(existsSync(cluster.dataDir), 'data directory deleted')
})

t.test('a cluster whose owner is killed with SIGKILL is stopped and deleted by its watchdog', async (t) => {
  const owner = fileURLToPath(new URL('../support/postgres-owner-fixture.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', owner], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve(out.split('\n')[0]!)
    })
    child.once('exit', (code) => reject(new Error(`owner exited early (${code})`)))
  })
  const { dataDir } = JSON.parse(line) as { dataDir: string }
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  t.ok(alive(pid), 'postmaster running under the owner')
  child.kill('SIGKILL')
  t.ok(await eventually(() => !alive(pid)), 'postmaster stopped after its owner died')
  t.ok(await eventually(() => !existsSync(dataDir)), 'data directory deleted')
})

t.test('per-test databases: copies of one migrated template, dropped with their test', async (t) => {
  const url = await clusterUrl()
  const template = await migratedTemplate(url)
  t.equal(await migratedTemplate(url), template, 'the template is built once per cluster')
  let name = ''
  await t.test('a database of its own', async (t) => {
    const db = await createTestDatabase(t, { template })
    name = db.name
    const tables = await query<{ n: string }>(db.url, "select count(*) as n from information_schema.tables where table_schema = 'public'")
    t.ok(Number(tables[0]?.n) >= 20, 'the template\'s tables are there')
  })
  const left = await query(url, `select 1 from pg_database where datname = '${name}'`)
  t.equal(left.length, 0, 'dropped when its test ended')
})

t.test('the binaries\' library symlinks are restored when the install skipped the postinstall', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'talent-orders-pg-binaries-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  mkdirSync(join(root, 'native', 'lib'), { recursive: true })
  writeFileSync(join(root, 'native', 'lib', 'libicuuc.so.60.2'), '')
  writeFileSync(join(root, 'native', 'pg-symlinks.json'), JSON.stringify([
    { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
    { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so' }
  ]))
  t.equal(hydrateSymlinks(root), 2, 'both links created')
  t.equal(readlinkSync(join(root, 'native', 'lib', 'libicuuc.so.60')), 'libicuuc.so.60.2', 'relative, beside the library')
  t.equal(hydrateSymlinks(root), 0, 'nothing to do the second time')
})

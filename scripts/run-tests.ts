// `tsx scripts/run-tests.ts sqlite|postgres [tap args…]`: the suite on one engine (PostgreSQL on a throw-away cluster).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const engine = process.argv[2]
if (engine !== 'sqlite' && engine !== 'postgres') {
  process.stderr.write('usage: tsx scripts/run-tests.ts sqlite|postgres [tap options…]\n')
  process.exit(2)
}

/** Tests of the PostgreSQL side itself and of several processes on one database: only in the PostgreSQL run. */
const POSTGRES_ONLY = [/\.postgres\.test\.ts$/, /^test\/db\/pg-/, /^test\/multiprocess\//]
/**
 * Only in the SQLite run: tests of the SQLite file itself, and tests that do not touch the engine
 * (pure code, the console in a browser, packaging, configuration and logging).
 */
const SQLITE_ONLY = [/\.sqlite\.test\.ts$/, /^test\/lib\//, /^test\/console\//, /^test\/packaging\//, /^test\/[^/]+\.test\.ts$/]

function testFiles (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'bench' ? [] : testFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const excluded = engine === 'sqlite' ? POSTGRES_ONLY : SQLITE_ONLY
const chosen = testFiles('test').filter((file) => !excluded.some((pattern) => pattern.test(file))).sort()

const tap = ['tap', ...process.argv.slice(3), ...chosen]
const command = engine === 'sqlite' ? tap : ['tsx', 'scripts/with-postgres.ts', ...tap]
process.stderr.write(`run-tests: ${chosen.length} test files on ${engine}\n`)
const result = spawnSync('npx', command, { stdio: 'inherit', env: { ...process.env, TEST_ENGINE: engine } })
process.exit(result.status ?? 1)

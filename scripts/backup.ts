// `npm run backup -- FILE`: an online, consistent copy of the SQLite database at DATABASE_PATH, taken while the server serves.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigSchema } from '../src/config.ts'
import { openSqliteConnection } from '../db/sqlite/data-layer.ts'

const DEFAULT_DATABASE_PATH = String((ConfigSchema.properties.DATABASE_PATH as { default?: string }).default)

export type BackupResult = { target: string, pages: number, integrity: string }

/**
 * Copies `source` to `target` through SQLite's online backup API on a connection of its own
 * (read-only, so it can never write to the live file). The copy is one consistent snapshot even
 * while the server keeps writing: SQLite restarts the copy when the source changes under it.
 * It is written beside the target and renamed into place only once complete and checked.
 */
export async function backupDatabase (source: string, target: string): Promise<BackupResult> {
  if (source === ':memory:') throw new Error('DATABASE_PATH is :memory:; there is no file to back up')
  if (!existsSync(source)) throw new Error(`no database at ${source}`)
  if (resolve(source) === resolve(target)) throw new Error('the backup must go to another file than the database')
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  const live = openSqliteConnection(source, { readonly: true, busyTimeoutMs: 5000 })
  let pages = 0
  try {
    const progress = await live.backup(partial)
    pages = progress.totalPages
  } finally {
    live.close()
  }
  const copy = openSqliteConnection(partial)
  let integrity: string
  try {
    integrity = String(copy.pragma('integrity_check', { simple: true }))
    // The copy is a standalone file: no -wal beside it once it is closed.
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
  if (integrity !== 'ok') {
    rmSync(partial, { force: true })
    throw new Error(`the copy failed its integrity check: ${integrity}`)
  }
  renameSync(partial, target)
  return { target, pages, integrity }
}

async function main () {
  if (process.env['DATABASE_URL']) {
    process.stderr.write('DATABASE_URL is set: this command copies a SQLite file only; back up PostgreSQL with pg_dump and restore with pg_restore (see docs/operations.md)\n')
    process.exit(2)
  }
  const target = process.argv[2]
  if (!target || target.startsWith('-')) {
    process.stderr.write('usage: npm run backup -- FILE   (copies the database at DATABASE_PATH to FILE)\n')
    process.exit(2)
  }
  const source = process.env['DATABASE_PATH'] ?? DEFAULT_DATABASE_PATH
  const result = await backupDatabase(source, target)
  process.stdout.write(`backed up ${source} to ${result.target}: ${result.pages} pages, integrity ${result.integrity}\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}

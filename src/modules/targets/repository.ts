// Target queries: an alliance's targets for one year, and the upsert that replaces them.
import type { Executor } from '../../../db/executor.ts'
import type { TargetsInput } from '../../../schemas/targets.ts'
import type { Targets } from './figures.ts'

/** A stored year: each figure null when it is not set. */
type TargetRow = {
  ordersAwarded: number | null
  seatsCompleted: number | null
  hires: number | null
  promiseKeptRate: number | null
}

const FIND_SQL = `select orders_awarded as "ordersAwarded", seats_completed as "seatsCompleted",
  hires as "hires", promise_kept_rate as "promiseKeptRate"
  from alliance_targets where alliance_id = @allianceId and year = @year`

/** The year's targets set (keys not set left out), or undefined when the year has none. */
export async function findTargets (ex: Executor, allianceId: string, year: number): Promise<Targets | undefined> {
  const row = await ex.get<TargetRow>(FIND_SQL, { allianceId, year })
  if (!row) return undefined
  const set = Object.entries(row).filter(([, value]) => value !== null).map(([key, value]) => [key, Number(value)])
  return Object.fromEntries(set) as Targets
}

const UPSERT_SQL = `insert into alliance_targets
  (alliance_id, year, orders_awarded, seats_completed, hires, promise_kept_rate, updated_by, updated_at)
  values (@allianceId, @year, @ordersAwarded, @seatsCompleted, @hires, @promiseKeptRate, @updatedBy, @updatedAt)
  on conflict (alliance_id, year) do update set
    orders_awarded = excluded.orders_awarded,
    seats_completed = excluded.seats_completed,
    hires = excluded.hires,
    promise_kept_rate = excluded.promise_kept_rate,
    updated_by = excluded.updated_by,
    updated_at = excluded.updated_at`

export type TargetsWrite = { allianceId: string, year: number, targets: TargetsInput, updatedBy: string, updatedAt: string }

/** Writes the year's targets whole: keys not given become null (unset). */
export async function storeTargets (tx: Executor, write: TargetsWrite): Promise<void> {
  const { targets } = write
  await tx.run(UPSERT_SQL, {
    allianceId: write.allianceId,
    year: write.year,
    ordersAwarded: targets.ordersAwarded ?? null,
    seatsCompleted: targets.seatsCompleted ?? null,
    hires: targets.hires ?? null,
    promiseKeptRate: targets.promiseKeptRate ?? null,
    updatedBy: write.updatedBy,
    updatedAt: write.updatedAt
  })
}

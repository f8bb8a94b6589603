// Yearly targets: replacing a year's targets, and reading them against the alliance report for the year and its first half.
import type { DataLayer, Executor } from '../../../db/executor.ts'
import type { ActualDto, AllianceTargetsDto, TargetsInput } from '../../../schemas/targets.ts'
import { buildFigures, reportGroups, resolveRange } from '../reports/index.ts'
import { actualOf, elapsedFraction, onTrackOf, pastMidYear, progressOf } from './figures.ts'
import { actualAsOf } from './as-of.ts'
import { findTargets, storeTargets } from './repository.ts'

/** The alliance report's figures for orders published from `from` to `to` (both whole UTC days), as the report counts them. */
async function actualFor (ex: Executor, allianceId: string, from: string, to: string, now: Date): Promise<ActualDto> {
  const range = resolveRange({ from, to }, now)
  const groups = await reportGroups(ex, { kind: 'alliance', allianceId }, range)
  return actualOf(buildFigures({ from, to, generatedAt: now.toISOString() }, groups))
}

/** The year's targets with their figures, or undefined when the year has none; one snapshot for every figure. */
export async function readTargets (data: DataLayer, allianceId: string, year: number, now: Date): Promise<AllianceTargetsDto | undefined> {
  return await data.snapshot(async (ex) => {
    const targets = await findTargets(ex, allianceId, year)
    if (!targets) return undefined
    const actual = await actualFor(ex, allianceId, `${year}-01-01`, `${year}-12-31`, now)
    const midDate = `${year}-06-30`
    // As the report for the first half read at the end of June 30: orders published, awarded, trainees completed and hired by then.
    const firstHalf = resolveRange({ from: `${year}-01-01`, to: midDate }, now)
    const asOf = { allianceId, fromInstant: firstHalf.fromInstant, toInstant: firstHalf.toInstant, asOf: firstHalf.toInstant }
    const midYear = pastMidYear(year, now) ? { date: midDate, actual: await actualAsOf(ex, asOf) } : null
    return {
      year,
      targets,
      actual,
      progress: progressOf(targets, actual),
      midYear,
      onTrack: onTrackOf(targets, actual, elapsedFraction(year, now))
    }
  })
}

export type TargetsChange = { allianceId: string, year: number, targets: TargetsInput, userId: string, now: Date }

/** Replaces the year's targets in one write transaction. */
export async function replaceTargets (data: DataLayer, change: TargetsChange): Promise<void> {
  await data.write((tx) => storeTargets(tx, {
    allianceId: change.allianceId,
    year: change.year,
    targets: change.targets,
    updatedBy: change.userId,
    updatedAt: change.now.toISOString()
  }))
}

// Pure target figures: the actual figures from a report, progress, the elapsed fraction of a year, on-track flags.
import type { ReportFigures } from '../../../schemas/reports.ts'
import type { ActualDto, AllianceTargetsDto } from '../../../schemas/targets.ts'
import { rate } from '../reports/index.ts'

export type Targets = AllianceTargetsDto['targets']
export type TargetKey = keyof Targets

const sum = (values: number[]) => values.reduce((n, v) => n + v, 0)

/** The report's figures a target is held against; the rate is hired over promised, summed over the enterprises. */
export function actualOf (figures: ReportFigures): ActualDto {
  const promised = sum(figures.enterprises.map((e) => e.promised))
  const hired = sum(figures.enterprises.map((e) => e.hired))
  return {
    ordersAwarded: figures.orders.awarded,
    seatsCompleted: figures.seats.completed,
    hires: figures.seats.hired,
    promiseKeptRate: rate(hired, promised)
  }
}

/** How much of the UTC calendar year has passed at `now`: 0 before it starts, 1 once it is over. */
export function elapsedFraction (year: number, now: Date): number {
  const start = Date.UTC(year, 0, 1)
  const end = Date.UTC(year + 1, 0, 1)
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)))
}

/** True from July 1 (UTC) of the year on: the first half is over and its figures are shown. */
export const pastMidYear = (year: number, now: Date) => now.getTime() >= Date.UTC(year, 6, 1)

/** The keys with a target set, in a fixed order. */
const KEYS: TargetKey[] = ['ordersAwarded', 'seatsCompleted', 'hires', 'promiseKeptRate']
const setKeys = (targets: Targets) => KEYS.filter((key) => targets[key] !== undefined)

/** Per target set: actual over target; null when the target is 0 or the actual is null. */
export function progressOf (targets: Targets, actual: ActualDto): AllianceTargetsDto['progress'] {
  const progress: AllianceTargetsDto['progress'] = {}
  for (const key of setKeys(targets)) {
    const target = targets[key] ?? 0
    const value = actual[key]
    progress[key] = target === 0 || value === null ? null : value / target
  }
  return progress
}

/** Per target set: a count has reached target × `fraction`, the rate its target (never when the rate is null). */
export function onTrackOf (targets: Targets, actual: ActualDto, fraction: number): AllianceTargetsDto['onTrack'] {
  const onTrack: AllianceTargetsDto['onTrack'] = {}
  for (const key of setKeys(targets)) {
    const target = targets[key] ?? 0
    const value = actual[key]
    const due = key === 'promiseKeptRate' ? target : target * fraction
    onTrack[key] = value !== null && value >= due
  }
  return onTrack
}

// Pure amendment rules: which patch fields are material terms, which of them really change, and the bid deadline an amendment leaves.
import type { OrderChanges } from './store.ts'

/** The stored columns of the material terms: changing one on an open order is an amendment (DESIGN: Fair tendering). */
const MATERIAL_COLUMNS = [
  'title',
  'occupation',
  'skills',
  'headcount',
  'location',
  'trainingStart',
  'trainingEnd',
  'budgetPerTrainee',
  'hiringPositions',
  'monthlySalaryMin',
  'monthlySalaryMax',
  'minBids',
  'questionDeadline'
] as const satisfies readonly (keyof OrderChanges)[]

type MaterialColumn = typeof MATERIAL_COLUMNS[number]

/** Column → the patch field clients name it by. */
const FIELD_OF: Record<MaterialColumn, string> = {
  title: 'title',
  occupation: 'occupation',
  skills: 'skills',
  headcount: 'headcount',
  location: 'location',
  trainingStart: 'trainingStart',
  trainingEnd: 'trainingEnd',
  budgetPerTrainee: 'budgetPerTrainee',
  hiringPositions: 'hiringCommitment',
  monthlySalaryMin: 'hiringCommitment',
  monthlySalaryMax: 'hiringCommitment',
  minBids: 'minBids',
  questionDeadline: 'questionDeadline'
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The material fields (as the patch names them) whose stored value the changes really alter; none: not an amendment. */
export function amendedFields (current: Partial<Record<MaterialColumn, unknown>>, changes: OrderChanges): string[] {
  const fields = MATERIAL_COLUMNS.filter((column) => changes[column] !== undefined && !same(changes[column], current[column])).map((column) => FIELD_OF[column])
  return [...new Set(fields)]
}

const HOUR_MS = 3_600_000

/** The bid deadline after an amendment: the later of the one asked for and `at` + minHours. */
export function amendedDeadline (requested: string, at: Date, minHours: number): string {
  const earliest = at.getTime() + minHours * HOUR_MS
  return new Date(requested).getTime() >= earliest ? requested : new Date(earliest).toISOString()
}

/** questionDeadline no later than bidDeadline (both RFC 3339 instants; null: the bid deadline). */
export const questionDeadlineFits = (questionDeadline: string | null | undefined, bidDeadline: string) =>
  questionDeadline === null || questionDeadline === undefined || new Date(questionDeadline).getTime() <= new Date(bidDeadline).getTime()

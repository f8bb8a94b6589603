// The order form's values and the API bodies made from them: a whole draft, or only the terms an amendment changes.

export type OrderForm = {
  allianceCode: string
  title: string
  occupation: string
  description: string
  skills: string[]
  headcount: number
  location: string
  trainingStart: string
  trainingEnd: string
  /** datetime-local values: local time without a zone. */
  bidDeadline: string
  questionDeadline: string
  minBids: number
  budgetPerTrainee: number | ''
  positions: number | ''
  salaryMin: number | ''
  salaryMax: number | ''
}

/** The material terms (DESIGN, Fair tendering: changing one on an open order is an amendment), by their label's key. */
export const MATERIAL_LABELS: Record<string, string> = {
  title: 'order.title',
  occupation: 'order.occupation',
  skills: 'order.skills',
  headcount: 'order.headcount',
  location: 'order.location',
  trainingStart: 'order.trainingStart',
  trainingEnd: 'order.trainingEnd',
  budgetPerTrainee: 'order.budget',
  hiringCommitment: 'order.hiring',
  minBids: 'order.minBids',
  questionDeadline: 'order.questionDeadline'
}

/** An instant as a datetime-local value (local time, to the minute). */
export function toLocalInput (iso: string): string {
  const d = new Date(iso)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16)
}

/** A datetime-local value as an RFC 3339 instant (a half-typed one stays as typed, for the API to refuse). */
function toInstant (local: string): string {
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? local : d.toISOString()
}

/** The body for POST (`existing` false) or a draft's PATCH (`existing` true: cleared optional fields are sent as null). */
export function orderBody (form: OrderForm, existing: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    title: form.title.trim(),
    occupation: form.occupation.trim(),
    description: form.description,
    skills: form.skills,
    headcount: Number(form.headcount),
    location: form.location.trim(),
    trainingStart: form.trainingStart,
    trainingEnd: form.trainingEnd,
    bidDeadline: toInstant(form.bidDeadline),
    minBids: Number(form.minBids)
  }
  if (form.questionDeadline) out['questionDeadline'] = toInstant(form.questionDeadline)
  else if (existing) out['questionDeadline'] = null
  if (form.budgetPerTrainee !== '') out['budgetPerTrainee'] = Number(form.budgetPerTrainee)
  else if (existing) out['budgetPerTrainee'] = null
  if (form.positions !== '') {
    const hiring: Record<string, number> = { positions: Number(form.positions) }
    if (form.salaryMin !== '') hiring['monthlySalaryMin'] = Number(form.salaryMin)
    if (form.salaryMax !== '') hiring['monthlySalaryMax'] = Number(form.salaryMax)
    out['hiringCommitment'] = hiring
  } else if (existing) {
    out['hiringCommitment'] = null
  }
  if (!existing) out['allianceCode'] = form.allianceCode
  return out
}

/**
 * The fields of an open order's PATCH: those whose value differs from the form as loaded. An unchanged bidDeadline is
 * left out (an open order only takes a later one), and so is every unchanged material term (no amendment for nothing).
 */
export function changedFields (initial: OrderForm, form: OrderForm): Record<string, unknown> {
  const before = orderBody(initial, true)
  const after = orderBody(form, true)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value
  }
  return out
}

// Yearly targets in the form: the metrics in display order, and the body of PUT from what was typed (the rate in percent).
import type { Targets, TargetKey } from '../types.ts'

export const TARGET_KEYS: readonly TargetKey[] = ['ordersAwarded', 'seatsCompleted', 'hires', 'promiseKeptRate']

/** What an input holds: a number, or '' when left empty (Vue's v-model on a number input). */
export type Typed = Record<TargetKey, number | ''>

/** The inputs for a year's targets: a count as is, the rate as a percentage with two decimals. */
export function typedOf (targets: Targets): Typed {
  const rate = targets.promiseKeptRate
  return {
    ordersAwarded: targets.ordersAwarded ?? '',
    seatsCompleted: targets.seatsCompleted ?? '',
    hires: targets.hires ?? '',
    promiseKeptRate: rate === undefined ? '' : Math.round(rate * 10_000) / 100
  }
}

/** The PUT body: only the fields filled in (PUT replaces the year, so an empty field unsets its target). */
export function bodyOf (typed: Typed): Targets {
  const body: Targets = {}
  for (const key of TARGET_KEYS) {
    const value = typed[key]
    if (value === '' || !Number.isFinite(Number(value))) continue
    body[key] = key === 'promiseKeptRate' ? Math.round(Number(value) * 100) / 10_000 : Number(value)
  }
  return body
}

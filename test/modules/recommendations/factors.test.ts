// Each factor on its own: the SQL formulas evaluated on the database, their bounds and direction, and their explanations.
import t from 'tap'
import { sql, type SQL } from 'drizzle-orm'
import { buildTestApp } from '../../helper.ts'
import { sqlRow } from '../../../db/sql-query.ts'
import {
  COLLEGE_WEIGHTS, ORDER_WEIGHTS, skillFitSql, capacitySql, completionRateSql, hireRateSql, promiseKeptSql, deadlineSql, orderSizeSql, julianDay,
  skillFitDetail, capacityDetail, completionRateDetail, hireRateDetail, promiseKeptDetail, deadlineDetail
} from '../../../src/modules/recommendations/factors.ts'

await t.test('the factor formulas', async (t) => {
  const app = await buildTestApp(t)
  const value = async (expression: SQL) => Number((await sqlRow<{ v: number }>(app.data, sql`select ${expression} as v`))!.v)
  // Typed, so PostgreSQL can infer the parameter even where it stands alone (`? is null`).
  const n = (x: number | null) => x === null ? sql`null` : sql`cast(${x} as integer)`
  // An instant as a Julian day, as db/figures/order-match-facts.ts computes deadline_day.
  const julianDaySql = (instant: string) => app.data.engine === 'sqlite'
    ? sql`julianday(${instant})`
    : sql`(extract(epoch from cast(${instant} as timestamptz)) / 86400.0 + 2440587.5)`

  await t.test('skill fit: matched over required, 0 without required skills', async (t) => {
    const fit = async (matched: number, required: number) => value(skillFitSql(n(matched), n(required)))
    t.equal(await fit(3, 3), 1)
    t.equal(await fit(2, 4), 0.5)
    t.equal(await fit(0, 4), 0)
    t.equal(await fit(0, 0), 0)
    t.ok(await fit(2, 3) > await fit(1, 3), 'more matches score higher')
  })

  await t.test('capacity: free seats in the window over seats wanted, capped at 1; unknown is neutral', async (t) => {
    const cap = async (capacity: number | null, committed: number, headcount: number) => value(capacitySql(n(capacity), n(committed), n(headcount)))
    t.equal(await cap(400, 120, 40), 1, 'room for the whole cohort')
    t.equal(await cap(100, 80, 40), 0.5)
    t.equal(await cap(100, 100, 40), 0)
    t.equal(await cap(100, 150, 40), 0, 'over-committed is 0, never negative')
    t.equal(await cap(0, 0, 10), 0)
    t.equal(await cap(null, 50, 40), 0.5)
    t.ok(await cap(100, 70, 40) > await cap(100, 80, 40), 'more headroom scores higher')
  })

  await t.test('completion and hire rates: smoothed towards the prior, strictly between 0 and 1', async (t) => {
    const completion = async (enrolled: number, completed: number) => value(completionRateSql(n(enrolled), n(completed)))
    const hire = async (completed: number, hired: number) => value(hireRateSql(n(completed), n(hired)))
    t.equal(await completion(0, 0), 0.5, 'a newcomer gets the prior mean')
    t.equal(await hire(0, 0), 0.5)
    t.equal(await completion(40, 40), 45 / 50)
    t.equal(await completion(40, 0), 5 / 50)
    t.equal(await hire(40, 30), 35 / 50)
    t.ok(await completion(1000, 1000) < 1, 'never perfect')
    t.ok(await hire(1000, 0) > 0, 'never zero')
    t.ok(await completion(40, 38) > await completion(40, 30), 'better completion scores higher')
    t.ok(await hire(38, 30) > await hire(38, 10), 'better hiring scores higher')
    t.ok(await completion(400, 400) > await completion(4, 4), 'more evidence moves further from the prior')
  })

  await t.test('promise kept: smoothed hired over promised, hires past the promise not counted', async (t) => {
    const kept = async (promised: number, hired: number) => value(promiseKeptSql(n(promised), n(hired)))
    t.equal(await kept(0, 0), 0.5, 'an enterprise without ended orders gets the prior mean')
    t.equal(await kept(10, 10), 15 / 20)
    t.equal(await kept(10, 25), 15 / 20, 'hiring more than promised scores as keeping it')
    t.equal(await kept(10, 0), 5 / 20)
    t.ok(await kept(100, 90) > await kept(100, 40), 'keeping more of the promise scores higher')
    t.ok(await kept(0, 3) === 0.5, 'hires without a promise say nothing about keeping one')
  })

  await t.test('deadline: days left over 14, clamped', async (t) => {
    const now = new Date('2027-01-10T08:00:00.000Z')
    const dl = async (deadline: string) => value(deadlineSql(julianDaySql(deadline), julianDay(now)))
    t.equal(Math.round(await dl('2027-01-17T08:00:00.000Z') * 1e6) / 1e6, 0.5)
    t.equal(await dl('2027-03-01T00:00:00.000Z'), 1)
    t.ok(await dl('2027-01-10T08:00:00.000Z') < 1e-6, 'nothing left at the deadline')
    t.equal(await dl('2027-01-01T00:00:00.000Z'), 0)
    t.ok(Math.abs(julianDay(now) - await value(julianDaySql(now.toISOString()))) < 1e-8, 'julianDay agrees with SQL')
  })

  await t.test('order size: headcount / (headcount + 30)', async (t) => {
    const size = async (headcount: number) => value(orderSizeSql(n(headcount)))
    t.equal(await size(30), 0.5)
    t.ok(await size(1000) < 1 && await size(1000) > await size(100) && await size(100) > await size(5))
  })
})

await t.test('weights: each direction sums to 1; the explanations read as sentences', async (t) => {
  const sum = (w: Record<string, number>) => Math.round(Object.values(w).reduce((a, b) => a + b, 0) * 1e9) / 1e9
  t.equal(sum(COLLEGE_WEIGHTS), 1)
  t.equal(sum(ORDER_WEIGHTS), 1)
  t.equal(skillFitDetail(['cnc-machining', 'welding', 'plc'], 3), '3 of 3 required skills (cnc-machining, welding, plc)')
  t.equal(skillFitDetail([], 1), '0 of 1 required skill')
  t.equal(capacityDetail(400, 120, 40), 'capacity 400/yr, 120 seats committed in the window, 280 free for 40 wanted')
  t.equal(completionRateDetail({ cohorts: 2, enrolled: 80, completed: 70, hired: 50 }), 'completion rate 88 %: 70 of 80 trainees completed in 2 completed cohorts (smoothed towards 0.5)')
  t.equal(hireRateDetail({ cohorts: 2, enrolled: 80, completed: 70, hired: 50 }), 'hire rate 71 %: 50 of 70 trainees who completed were hired (smoothed towards 0.5)')
  t.equal(promiseKeptDetail('华东机械', { orders: 2, promised: 20, hired: 15 }), '华东机械: promise kept 75 %, hired 15 of 20 promised on 2 ended awarded orders (smoothed towards 0.5)')
  t.equal(promiseKeptDetail('华东机械', { orders: 0, promised: 0, hired: 0 }), '华东机械: no ended awarded orders yet (prior 0.5)')
  t.equal(deadlineDetail('2027-01-11T06:00:00.000Z', new Date('2027-01-10T08:00:00.000Z')), 'bid deadline 2027-01-11T06:00:00.000Z: 22 hours left (full score from 14 days)')
})

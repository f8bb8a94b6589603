// Write transactions that may keep what they stored (closing an expired order) and still refuse the request.
import type { Database, Transaction } from './client.ts'
import type { HttpProblem } from '../src/lib/problems.ts'

/** Thrown inside a write transaction: commit what was written so far, then answer with the problem. */
export class CommitThenRefuse extends Error {
  readonly problem: HttpProblem
  constructor (problem: HttpProblem) {
    super(problem.message)
    this.problem = problem
  }
}

/** One synchronous BEGIN IMMEDIATE transaction; any other throw rolls everything back. */
export function writeTransaction<T> (db: Database, fn: (tx: Transaction) => T): T {
  let refusal: HttpProblem | undefined
  const result = db.transaction((tx) => {
    try {
      return fn(tx)
    } catch (error) {
      if (!(error instanceof CommitThenRefuse)) throw error
      refusal = error.problem
      return undefined
    }
  }, { behavior: 'immediate' })
  if (refusal) throw refusal
  return result as T
}

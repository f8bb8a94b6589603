// Write transactions that may keep what they stored (closing an expired order) and still refuse the request.
import type { DataLayer, Executor } from './executor.ts'
import type { HttpProblem } from '../src/lib/problems.ts'

/** Thrown inside a write transaction: commit what was written so far, then answer with the problem. */
export class CommitThenRefuse extends Error {
  readonly problem: HttpProblem
  constructor (problem: HttpProblem) {
    super(problem.message)
    this.problem = problem
  }
}

/** One write transaction; CommitThenRefuse commits and then throws its problem, any other throw rolls back. */
export async function writeTransaction<T> (data: DataLayer, fn: (tx: Executor) => Promise<T>): Promise<T> {
  let refusal: HttpProblem | undefined
  const result = await data.write(async (tx) => {
    refusal = undefined
    try {
      return await fn(tx)
    } catch (error) {
      if (!(error instanceof CommitThenRefuse)) throw error
      refusal = error.problem
      return undefined
    }
  })
  if (refusal) throw refusal
  return result as T
}

// An open write transaction seen as a data layer, so use cases that open their own transactions join the seed's one.
import type { DataLayer, Executor } from '../../db/executor.ts'

/**
 * Every statement, `write` and `snapshot` of the returned data layer runs on `tx`: a use case's
 * transaction becomes part of the enclosing one (no savepoint), so a throw anywhere rolls back
 * everything the seed wrote. For seeding only: `ping` and `close` do nothing, `write` options are ignored.
 */
export function withinTransaction (tx: Executor): DataLayer {
  return {
    engine: tx.engine,
    orm: tx.orm,
    all: (text, params) => tx.all(text, params),
    get: (text, params) => tx.get(text, params),
    run: (text, params) => tx.run(text, params),
    write: (fn) => fn(tx),
    snapshot: (fn) => fn(tx),
    ping: async () => {},
    close: async () => {}
  }
}

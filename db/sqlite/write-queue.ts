// A FIFO of exclusive turns on one SQLite connection: an await inside a transaction never lets another in.
import { AsyncLocalStorage } from 'node:async_hooks'

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly inside = new AsyncLocalStorage<true>()
  waiting = 0

  /** True while the caller runs inside one of this queue's turns. */
  get holding (): boolean {
    return this.inside.getStore() === true
  }

  /** Runs `fn` when every earlier turn has ended; nothing else runs on the connection meanwhile. */
  turn<T> (fn: () => Promise<T>): Promise<T> {
    if (this.holding) {
      return Promise.reject(new Error('a statement ran outside the open transaction: inside a write, use its transaction executor'))
    }
    this.waiting++
    const result = this.tail.then(() => {
      this.waiting--
      return this.inside.run(true, fn)
    })
    this.tail = result.then(noop, noop)
    return result
  }
}

const noop = () => {}

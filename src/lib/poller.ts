// A background pass repeated every interval: the next one is scheduled when one ends; errors are logged and retried.
import type { FastifyInstance } from 'fastify'

export type Pass = {
  runOnce: () => Promise<number>
  /** Waits for the passes under way. */
  idle: () => Promise<void>
}

/**
 * Unless `intervalMs` is 0, runs `pass` every `intervalMs` (never two at once). On close no pass starts and the
 * passes under way finish before the database closes (plugins close in reverse order of registration).
 */
export function pollEvery (app: FastifyInstance, intervalMs: number, pass: Pass, what: string): void {
  let timer: NodeJS.Timeout | undefined
  let closed = false
  const schedule = () => {
    if (closed || intervalMs <= 0) return
    timer = setTimeout(() => {
      pass.runOnce()
        .catch((error: unknown) => app.log.warn({ err: error }, `${what} pass failed; the next pass retries`))
        .finally(schedule)
    }, intervalMs)
    timer.unref()
  }
  schedule()
  app.addHook('onClose', async () => {
    closed = true
    clearTimeout(timer)
    await pass.idle()
  })
}

/** Runs passes, remembering those under way so that `idle` can wait for them. */
export class PassTracker {
  readonly #running = new Set<Promise<number>>()

  track (run: Promise<number>): Promise<number> {
    this.#running.add(run)
    return run.finally(() => this.#running.delete(run))
  }

  async idle (): Promise<void> {
    await Promise.allSettled([...this.#running])
  }
}

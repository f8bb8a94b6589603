// Watchdog for a throw-away cluster: when its owner process dies, stops the postmaster and deletes the data dir.
// Usage (spawned detached by postgres-cluster.ts): node --import tsx postgres-watchdog.ts OWNER_PID DATA_DIR
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const POLL_MS = 500
const FAST_SHUTDOWN_WAIT_MS = 10_000

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const postmasterPid = (dataDir: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

async function reap (dataDir: string) {
  const pid = postmasterPid(dataDir)
  if (pid !== undefined && alive(pid)) {
    process.kill(pid, 'SIGINT') // fast shutdown: ends the backends, no checkpoint wait
    const deadline = Date.now() + FAST_SHUTDOWN_WAIT_MS
    while (alive(pid) && Date.now() < deadline) await sleep(100)
    if (alive(pid)) process.kill(pid, 'SIGQUIT') // immediate shutdown
    while (alive(pid)) await sleep(100)
  }
  rmSync(dataDir, { recursive: true, force: true })
}

const [ownerArg, dataDir] = process.argv.slice(2)
const owner = Number(ownerArg)
if (!Number.isInteger(owner) || !dataDir) {
  process.stderr.write('usage: postgres-watchdog.ts OWNER_PID DATA_DIR\n')
  process.exit(2)
}
process.on('SIGTERM', () => process.exit(0)) // the owner stopped the cluster itself
for (;;) {
  if (!existsSync(dataDir)) process.exit(0)
  if (!alive(owner)) {
    await reap(dataDir)
    process.exit(0)
  }
  await sleep(POLL_MS)
}

// Starts a server as a child process on 127.0.0.1 and a free port, waits until it is ready, samples its memory, stops it.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export type ServerProcess = {
  name: string
  url: string
  /** Every process's URL: one, or several API processes on one database that the load generator drives round-robin. */
  urls: string[]
  pid: number
  /** Resident memory now (VmRSS; RssAnon heap and RssFile mapped files) and the peak so far (VmHWM), in MB. */
  memory: () => { rssMb: number, peakMb: number, anonMb: number, fileMb: number }
  stop: () => Promise<void>
  /** The last lines the server wrote to stderr/stdout (warnings, errors). */
  output: () => string
}

export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

function readMemory (pid: number): { rssMb: number, peakMb: number, anonMb: number, fileMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024 }
  } catch {
    return { rssMb: 0, peakMb: 0, anonMb: 0, fileMb: 0 }
  }
}

/** Spawns `node --import tsx <script>` with the environment given, and resolves once GET /ready answers 200. */
export async function startServer (name: string, script: string, env: Record<string, string>, nodeArgs: string[] = [], readyTimeoutMs = 120_000): Promise<ServerProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let tail = ''
  const keep = (chunk: Buffer) => { tail = (tail + chunk.toString('utf8')).slice(-4000) }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited = false
  child.once('exit', () => { exited = true })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (exited) throw new Error(`${name} exited before it was ready:\n${tail}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${name} was not ready within ${readyTimeoutMs / 1000} s:\n${tail}`)
    }
    try {
      const response = await fetch(`${url}/ready`)
      if (response.ok) break
    } catch { /* not listening yet */ }
    await sleep(200)
  }
  return {
    name,
    url,
    urls: [url],
    pid: child.pid!,
    memory: () => readMemory(child.pid!),
    output: () => tail,
    stop: async () => {
      if (exited) return
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await gone
      clearTimeout(killer)
    }
  }
}

/** Samples a server's resident memory every `everyMs` until stopped; returns the highest VmRSS seen (MB). */
export function sampleRss (server: ServerProcess, everyMs = 200): { stop: () => number } {
  let peak = server.memory().rssMb
  const timer = setInterval(() => { peak = Math.max(peak, server.memory().rssMb) }, everyMs)
  return { stop: () => { clearInterval(timer); return Math.max(peak, server.memory().rssMb) } }
}

/**
 * Several processes as one server: requests spread over their URLs (autocannon connects round-robin); memory is the
 * largest process's (the RSS target is per process), output of each.
 */
export function serverGroup (name: string, members: ServerProcess[]): ServerProcess {
  const [first] = members
  if (!first) throw new Error('a server group needs a process')
  if (members.length === 1) return first
  return {
    name,
    url: first.url,
    urls: members.flatMap((m) => m.urls),
    pid: first.pid,
    memory: () => members.map((m) => m.memory()).reduce((a, b) => ({ rssMb: Math.max(a.rssMb, b.rssMb), peakMb: Math.max(a.peakMb, b.peakMb), anonMb: Math.max(a.anonMb, b.anonMb), fileMb: Math.max(a.fileMb, b.fileMb) })),
    output: () => members.map((m, i) => m.output().trim() ? `[${name} ${i + 1}] ${m.output().trim()}` : '').filter(Boolean).join('\n'),
    stop: async () => { await Promise.all(members.map((m) => m.stop())) }
  }
}

// API server processes for multi-process tests: the real entry point on a given database, and an inject() over HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { fromRoot } from '../../src/lib/project-root.ts'
import { testEnv } from '../helper.ts'
import { freePort } from './postgres-cluster.ts'

export type ApiProcess = { url: string, child: ChildProcess, stop: () => Promise<void>, output: () => string }

type Tap = { teardown: (fn: () => unknown) => void }

/** Starts `src/server.ts` in its own process on 127.0.0.1 and waits until /ready answers 200. */
export async function startApiProcess (t: Tap, env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fromRoot('src', 'server.ts')], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'warn', ...env }), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let log = ''
  child.stdout?.on('data', (chunk: Buffer) => { log += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString() })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  t.teardown(stop)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}:\n${log}`)
    try {
      const res = await fetch(`${url}/ready`)
      if (res.status === 200) break
    } catch {}
    if (Date.now() > deadline) throw new Error(`the API process did not become ready:\n${log}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url, child, stop, output: () => log }
}

type Injected = { statusCode: number, body: string, headers: Record<string, string>, json: () => unknown }

/**
 * An object with Fastify's `inject` signature that sends the request over HTTP to `baseUrl`,
 * so the API test helpers (registerOrg, openOrder, …) drive a server in another process.
 */
export function remoteApp (baseUrl: string): FastifyInstance {
  const inject = async (options: InjectOptions): Promise<Injected> => {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) }
    let body: string | undefined
    if (options.payload !== undefined) {
      body = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(`${baseUrl}${options.url as string}`, { method: options.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) })
    const text = await res.text()
    return {
      statusCode: res.status,
      body: text,
      headers: Object.fromEntries(res.headers.entries()),
      json: () => JSON.parse(text) as unknown
    }
  }
  return { inject } as unknown as FastifyInstance
}

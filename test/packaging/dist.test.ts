// The production start: dist/ runs with NODE_ENV=production and only production dependencies resolvable.
import t from 'tap'
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { fromRoot } from '../../src/lib/project-root.ts'
import { tempDir } from '../helpers/hardening.ts'

const run = promisify(execFile)

/** The newest modification time of any file under the folders. */
function newest (folders: string[]): number {
  let latest = 0
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else latest = Math.max(latest, statSync(path).mtimeMs)
    }
  }
  for (const folder of folders) walk(fromRoot(folder))
  return latest
}

/** `npm test` builds before tap runs; run alone after an edit, the test rebuilds (incrementally) first. */
async function ensureBuild (): Promise<void> {
  const built = fromRoot('dist', 'src', 'server.js')
  if (existsSync(built) && statSync(built).mtimeMs >= newest(['src', 'db', 'schemas', 'scripts'])) return
  await run(process.execPath, [fromRoot('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: fromRoot() })
}

/** The console is built by `npm run build` too; run alone without one, the test builds it. */
async function ensureConsoleBuild (): Promise<void> {
  if (existsSync(fromRoot('console', 'dist', 'index.html'))) return
  await run('npm', ['run', 'build:console'], { cwd: fromRoot() })
}

/**
 * A copy of the installed app as `npm ci --omit=dev && npm run build` leaves it elsewhere: package.json, bin/, dist/, console/dist/,
 * the files read at run time, and a node_modules holding only the production packages of the lock file (linked).
 */
function productionCopy (dir: string): void {
  for (const path of ['package.json', 'bin', 'dist', 'console/dist', 'db/migrations', 'db/pg/migrations', 'src/modules/auth/common-passwords.txt']) {
    cpSync(fromRoot(path), join(dir, path), { recursive: true })
  }
  const lock = JSON.parse(readFileSync(fromRoot('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> }
  for (const [path, entry] of Object.entries(lock.packages)) {
    const topLevel = path.startsWith('node_modules/') && !path.slice('node_modules/'.length).includes('node_modules/')
    if (!topLevel || entry.dev) continue
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    symlinkSync(fromRoot(path), join(dir, path), 'dir')
  }
}

type Started = { output: () => string, exited: Promise<number | string>, kill: (signal: NodeJS.Signals) => void, url: Promise<string> }

function start (cwd: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['bin/run-built.js', 'src/server'], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (found?.[1]) resolve(found[1])
    })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    exited.then((code) => reject(new Error(`exited (${code}) before listening:\n${output}`)), reject)
  })
  url.catch(() => {})
  return { output: () => output, exited, kill: (signal) => child.kill(signal), url }
}

t.test('npm start from dist: production mode, production dependencies only, answers /ready, logs JSON', async (t) => {
  await ensureBuild()
  await ensureConsoleBuild()
  const dir = tempDir(t)
  productionCopy(dir)
  t.notOk(existsSync(join(dir, 'node_modules', 'tsx')), 'tsx is not installed')
  t.notOk(existsSync(join(dir, 'node_modules', 'typescript')), 'typescript is not installed')
  const server = start(dir, {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'data', 'marketplace.db'),
    JWT_SECRET: 'dist-test-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'info'
  })
  t.teardown(() => server.kill('SIGKILL'))
  const url = await server.url
  const ready = await fetch(`${url}/ready`)
  t.equal(ready.status, 200, '/ready answers')
  t.same(await ready.json(), { status: 'ready' })
  const page = await fetch(`${url}/`)
  t.equal(page.status, 200, 'the console is served at /')
  t.match(page.headers.get('content-type') ?? '', /^text\/html/)
  const lines = server.output().trim().split('\n')
  t.ok(lines.every((line) => line.startsWith('{')), 'every log line is JSON in production')
  t.ok(lines.some((line) => (JSON.parse(line) as { msg?: string }).msg === `Talent Orders is up: console ${url}/, API docs ${url}/docs`), 'the start line names the console and /docs, no demo password')
  server.kill('SIGTERM')
  t.equal(await server.exited, 0, 'a clean shutdown')
})

t.test('without a build, npm start names the build command and exits 1', async (t) => {
  const dir = tempDir(t)
  cpSync(fromRoot('bin'), join(dir, 'bin'), { recursive: true })
  const server = start(dir, {})
  t.equal(await server.exited, 1)
  t.match(server.output(), /dist\/src\/server\.js is missing: run `npm run build` first/)
})

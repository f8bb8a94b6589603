// Serves the built web console (console/dist) at `/`: hashed assets cached for good, index.html for the console's pages.
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fromRoot } from '../lib/project-root.ts'
import { HttpProblem } from '../lib/problems.ts'
import { isConsolePath } from '../lib/console-sections.ts'

export type ConsoleOptions = { root?: string }

/** The console's routes: its page and its hashed assets hold no tokens and nothing personal, so they may be cached. */
export const CONSOLE_ROUTES: ReadonlySet<string> = new Set(['/assets/*', '/*'])

/** Stricter than the API's CSP: the built console has no inline scripts or styles. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

// A path naming a file (an extension in its last segment) that is not there is a 404, not the page.
const FILE_PATH = /\/[^/]+\.[a-z0-9]+$/i

export default fp<ConsoleOptions>(async (app, opts) => {
  const root = opts.root ?? fromRoot('console', 'dist')
  const built = existsSync(join(root, 'index.html'))

  if (!built) {
    app.get('/', { schema: { hide: true } }, async () => {
      throw new HttpProblem(404, 'not_found', 'the web console has not been built: run `npm run build:console`, then restart the server')
    })
    return
  }

  // Vite names every asset by its content hash, so a year-long immutable cache is safe; .br/.gz are precompressed.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    preCompressed: true,
    index: false,
    immutable: true,
    maxAge: '365d',
    schemaHide: true
  })

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    // Only the console's own pages get index.html: the API, /docs and unknown paths keep their 404 problem.
    if (!isConsolePath(path) || FILE_PATH.test(path)) return reply.callNotFound()
    // Always revalidated, so a new build's asset names reach the browser at once.
    reply.header('content-security-policy', CONSOLE_CSP).header('cache-control', 'no-cache')
    return reply.sendFile('index.html', root, { cacheControl: false })
  })
}, { name: 'console', dependencies: ['security'] })

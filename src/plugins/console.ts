// Serves the built web console (console/dist) at `/`: hashed assets cached for good, index.html for the console's pages.
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fromRoot } from '../lib/project-root.ts'
import { HttpProblem } from '../lib/problems.ts'
import { CONSOLE_SECTIONS } from '../lib/console-sections.ts'

export type ConsoleOptions = { root?: string }

// The console's pages: `/` and each section with everything under it. Only these, so the API's own routing
// (its 404s, its 400 for an over-long parameter) never falls through to a catch-all.
const PAGE_ROUTES = ['/', ...CONSOLE_SECTIONS.flatMap((section) => [`/${section}`, `/${section}/*`])]

/** The console's routes: its page and its hashed assets hold no tokens and nothing personal, so they may be cached. */
export const CONSOLE_ROUTES: ReadonlySet<string> = new Set(['/assets/*', ...PAGE_ROUTES])

// A path naming a file (an extension in its last segment) that is not there is a 404, not the page.
const FILE_PATH = /\/[^/]+\.[a-z0-9]+$/i

export default fp<ConsoleOptions>(async (app, opts) => {
  const root = opts.root ?? fromRoot('console', 'dist')
  const built = existsSync(join(root, 'index.html'))

  if (!built) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', 'no-store')
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

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (FILE_PATH.test(path)) return reply.callNotFound()
    // Always revalidated, so a new build's asset names reach the browser at once. The CSP is the site's own
    // (scripts and styles from this origin only, nothing inline): the built page needs nothing more.
    reply.header('cache-control', 'no-cache')
    return reply.sendFile('index.html', root, { cacheControl: false })
  }
  for (const url of PAGE_ROUTES) app.get(url, { schema: { hide: true } }, page)
}, { name: 'console', dependencies: ['security'] })
